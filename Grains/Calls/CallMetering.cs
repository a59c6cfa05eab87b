namespace VoicePlatform.Grains.Calls;

/// <summary>
/// The arithmetic of paying for a call as it goes, free of Orleans: integer minor units, and every amount a pure
/// function of the block index, so a block's debit repeated after a crash is the same operation with the same key.
/// </summary>
public static class CallMetering
{
    /// <summary>The estimated price of one block, rounded up: what is reserved before dialling and at each extension.</summary>
    public static long BlockAmount(long perMinute, TimeSpan block) =>
        perMinute <= 0 ? 0 : CeilDiv(perMinute * (long)block.TotalSeconds, 60);

    /// <summary>
    /// How long LiveKit may let the call run: the agent's maximum, or less when the money available for the call
    /// (its reservation plus the wallet's available balance) covers less at the estimated price.
    /// </summary>
    public static (int Seconds, bool ByFunds) DurationLimit(int agentMaxSeconds, long perMinute, long coverable)
    {
        if (perMinute <= 0) return (agentMaxSeconds, false);
        var fundedSeconds = Math.Max(0, coverable) * 60 / perMinute;
        return fundedSeconds < agentMaxSeconds ? ((int)Math.Max(1, fundedSeconds), true) : (agentMaxSeconds, false);
    }

    /// <summary>Whole blocks elapsed after <paramref name="connected"/> of connected time.</summary>
    public static int ElapsedBlocks(TimeSpan connected, TimeSpan block) =>
        connected <= TimeSpan.Zero || block <= TimeSpan.Zero ? 0 : (int)(connected.Ticks / block.Ticks);

    /// <summary>What the first <paramref name="blocks"/> blocks have debited in all (rounded down, never more than used).</summary>
    public static long DebitedThrough(long perMinute, TimeSpan block, int blocks) =>
        perMinute <= 0 || blocks <= 0 ? 0 : perMinute * blocks * (long)block.TotalSeconds / 60;

    /// <summary>The debit of block <paramref name="index"/> (1-based): the difference of the running totals.</summary>
    public static long BlockDebit(long perMinute, TimeSpan block, int index) =>
        DebitedThrough(perMinute, block, index) - DebitedThrough(perMinute, block, index - 1);

    /// <summary>Connected seconds, rounded up: telephony bills started seconds.</summary>
    public static long BilledSeconds(DateTimeOffset? answeredAt, DateTimeOffset? endedAt) =>
        answeredAt is { } start && endedAt is { } end && end > start ? CeilDiv((end - start).Ticks, TimeSpan.TicksPerSecond) : 0;

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;
}
