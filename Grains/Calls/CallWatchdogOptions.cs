namespace VoicePlatform.Grains.Calls;

/// <summary>How a live call is kept from being forgotten when its activation or its silo goes away.</summary>
public sealed class CallWatchdogOptions
{
    /// <summary>
    /// The period of the cluster's live-call sweep (<see cref="LiveCallSweeperGrain"/>), which re-activates live
    /// calls after a crash or restart. Orleans' reminder floor is one minute in production; tests lower the floor
    /// and this period together.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
