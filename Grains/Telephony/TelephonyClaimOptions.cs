using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Telephony;

/// <summary>How platform-wide claims on numbers and LiveKit trunks are repaired; bound from <c>Telephony:Claims</c>.</summary>
public sealed class TelephonyClaimOptions : IValidatedOptions
{
    public static string SectionName => "Telephony:Claims";

    /// <summary>
    /// How old a claim must be before a contender may prove it orphaned (its holder's record does not carry it): longer
    /// than any create or update between its claim and its own write, so a write in progress is never mistaken for a crash.
    /// </summary>
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> Validate() => OrphanGrace <= TimeSpan.Zero || OrphanGrace > TimeSpan.FromDays(1)
        ? [$"{SectionName}:OrphanGrace must be more than 00:00:00 and at most 1.00:00:00; got {OrphanGrace}."]
        : [];
}
