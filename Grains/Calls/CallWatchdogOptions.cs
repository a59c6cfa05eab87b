using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Calls;

/// <summary>How a live call is kept from being forgotten when its activation or its silo goes away.</summary>
public sealed class CallWatchdogOptions : IValidatedOptions
{
    public static string SectionName => "Calls:Watchdog";

    /// <summary>
    /// The period of the cluster's live-call sweep (<see cref="LiveCallSweeperGrain"/>), which re-activates live
    /// calls after a crash or restart. Orleans' reminder floor is one minute in production; tests lower the floor
    /// and this period together.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> Validate() => ReminderPeriod < TimeSpan.FromSeconds(1) || ReminderPeriod > TimeSpan.FromDays(1)
        ? [$"{SectionName}:ReminderPeriod must be from 00:00:01 to 1.00:00:00; got {ReminderPeriod}."]
        : [];
}
