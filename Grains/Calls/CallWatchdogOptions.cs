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

    /// <summary>
    /// How often a call being dialled asks LiveKit about its callee: ringing is an attribute change, which LiveKit sends
    /// no webhook for (PROTOCOL.md §4), so polling is the only way to see it, and the look also catches an agent whose
    /// participant_joined webhook was lost. A re-activated live call looks once after this long too.
    /// </summary>
    public TimeSpan DialingPollPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often an answered call asks LiveKit whether its callee is still there, only to catch a participant_left
    /// webhook that never came: a call whose departure is found this way is billed up to this long past its end. Each
    /// live call makes one request per period, bounded per silo by <see cref="MaxAnsweredPollsPerSecond"/>.
    /// </summary>
    public TimeSpan AnsweredPollPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most requests a second a silo's answered calls make to LiveKit together: past this many live calls per
    /// <see cref="AnsweredPollPeriod"/>, each call looks less often (<see cref="AnsweredPollSchedule"/>), so a node with
    /// 10,000 calls asks 200 times a second (every 50 s per call) instead of 1,000.
    /// </summary>
    public int MaxAnsweredPollsPerSecond { get; set; } = 200;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ReminderPeriod < TimeSpan.FromSeconds(1) || ReminderPeriod > TimeSpan.FromDays(1))
            errors.Add($"{SectionName}:ReminderPeriod must be from 00:00:01 to 1.00:00:00; got {ReminderPeriod}.");
        if (DialingPollPeriod < TimeSpan.FromMilliseconds(100) || DialingPollPeriod > TimeSpan.FromMinutes(10))
            errors.Add($"{SectionName}:DialingPollPeriod must be from 00:00:00.100 to 00:10:00; got {DialingPollPeriod}.");
        if (AnsweredPollPeriod < TimeSpan.FromSeconds(1) || AnsweredPollPeriod > TimeSpan.FromMinutes(10))
            errors.Add($"{SectionName}:AnsweredPollPeriod must be from 00:00:01 to 00:10:00; got {AnsweredPollPeriod}.");
        if (MaxAnsweredPollsPerSecond < 1)
            errors.Add($"{SectionName}:MaxAnsweredPollsPerSecond must be at least 1; got {MaxAnsweredPollsPerSecond}.");
        return errors;
    }
}
