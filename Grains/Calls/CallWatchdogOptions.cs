namespace VoicePlatform.Grains.Calls;

/// <summary>How a live call is kept from being forgotten when its activation or its silo goes away.</summary>
public sealed class CallWatchdogOptions
{
    /// <summary>
    /// The reminder that re-activates a live call after a crash or restart. Orleans' floor is one minute in
    /// production; tests lower the floor and this period together.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
