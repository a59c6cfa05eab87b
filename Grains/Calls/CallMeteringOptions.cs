namespace VoicePlatform.Grains.Calls;

/// <summary>How calls pay as they go.</summary>
public sealed class CallMeteringOptions
{
    /// <summary>
    /// The metering block: a call reserves one block of its estimated price before dialling, and while it is
    /// connected debits each elapsed block and reserves the next. Larger blocks mean fewer wallet operations and
    /// more money held per call.
    /// </summary>
    public TimeSpan BlockDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after an answered call ends it waits for the agent worker's last usage report before settling.
    /// Usage reported later is kept on the call but not charged.
    /// </summary>
    public TimeSpan SettlementGrace { get; set; } = TimeSpan.FromSeconds(20);
}
