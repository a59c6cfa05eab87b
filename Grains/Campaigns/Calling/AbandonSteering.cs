namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// Steering on abandoned calls over a short recent window (the legal 30-day figure is counted from the lead table):
/// above the campaign's limit the dial rate falls in proportion (limit ÷ rate of the configured rate, at least one a
/// minute), so fewer calls wait on an agent that is not there; at twice the limit with enough answered calls to
/// trust it, the campaign should pause itself. Driven by the caller's clock.
/// </summary>
public sealed class AbandonSteering(double limitPercent)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    public const int MaxRemembered = 200;
    /// <summary>Fewer answered calls than this in the window say nothing yet.</summary>
    public const int MinimumAnswered = 10;

    private readonly Queue<(DateTimeOffset At, bool Abandoned)> _answered = new();

    public double LimitPercent { get; } = limitPercent;

    /// <summary>An answered attempt ended; <paramref name="abandoned"/> when its agent was not there in time.</summary>
    public void Observe(DateTimeOffset at, bool abandoned)
    {
        _answered.Enqueue((at, abandoned));
        while (_answered.Count > MaxRemembered) _answered.Dequeue();
    }

    /// <summary>Refills the window from stored attempts (a reactivated campaign), oldest first.</summary>
    public void Seed(IEnumerable<(DateTimeOffset At, bool Abandoned)> answered)
    {
        foreach (var (at, abandoned) in answered.OrderBy(a => a.At)) Observe(at, abandoned);
    }

    /// <summary>Forgets the window: a person resumed the campaign after it paused for abandoned calls.</summary>
    public void Reset() => _answered.Clear();

    /// <summary>The share of answered calls abandoned in the window, in percent; null while there are too few to tell.</summary>
    public double? RecentRatePercent(DateTimeOffset now)
    {
        while (_answered.Count > 0 && now - _answered.Peek().At > Window) _answered.Dequeue();
        if (_answered.Count < MinimumAnswered) return null;
        return 100.0 * _answered.Count(a => a.Abandoned) / _answered.Count;
    }

    /// <summary>The dials per minute to steer to now.</summary>
    public int DialsPerMinute(int configured, DateTimeOffset now) =>
        RecentRatePercent(now) is { } rate && rate > LimitPercent
            ? Math.Max(1, (int)Math.Floor(configured * LimitPercent / rate))
            : configured;

    /// <summary>Slowing down did not help: twice the limit over at least twice the minimum of answered calls.</summary>
    public bool ShouldPause(DateTimeOffset now) =>
        RecentRatePercent(now) is { } rate && rate >= 2 * LimitPercent && _answered.Count >= 2 * MinimumAnswered;
}
