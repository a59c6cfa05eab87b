namespace VoicePlatform.Grains.Campaigns;

/// <summary>
/// How often a running campaign reads its progress for the live view. The read counts the campaign's leads by status
/// and its attempts by outcome, so its cost grows with the campaign: a few milliseconds for a thousand leads, over a
/// second for a million. Every <see cref="Minimum"/> while it is cheap; for a larger campaign no more often than keeps
/// the read to 1 in <see cref="CostShare"/> of the time (a read of 1.4 s: every 28 s), and at least every
/// <see cref="Maximum"/>. The time measured includes waiting for a connection, so a loaded database slows the live
/// view before it slows the dialing.
/// </summary>
public static class ProgressCadence
{
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(1);
    public const int CostShare = 20;

    /// <summary>The interval until the next read, after one that took <paramref name="readTook"/>.</summary>
    public static TimeSpan After(TimeSpan readTook)
    {
        var spread = readTook * CostShare;
        return spread < Minimum ? Minimum : spread > Maximum ? Maximum : spread;
    }
}
