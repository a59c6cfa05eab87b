namespace VoicePlatform.Grains.Calls;

/// <summary>
/// How often an answered call looks at LiveKit. Each live call asks on its own, so the node's request rate grows with its
/// calls: 10,000 calls at 10 s are 1,000 requests a second, which took the CPU that LiveKit's webhooks needed (their
/// handling p99 went from 13 ms to 31 ms at 10,000 live calls). The period stretches so the node's answered calls together
/// make at most <c>maxPollsPerSecond</c> requests, and is never shorter than the configured one.
/// </summary>
public static class AnsweredPollSchedule
{
    public static TimeSpan Period(TimeSpan configured, long liveCalls, int maxPollsPerSecond)
    {
        if (maxPollsPerSecond <= 0 || liveCalls <= 0) return configured;
        var shared = TimeSpan.FromSeconds((double)liveCalls / maxPollsPerSecond);
        return shared > configured ? shared : configured;
    }
}
