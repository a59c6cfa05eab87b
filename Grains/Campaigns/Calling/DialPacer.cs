namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// Pacing inside an open window: dials spread evenly at <c>maxPerMinute</c> (a token bucket that fills at that rate and
/// holds at most what one timer tick needs, so a late tick catches up but an idle hour never turns into a burst), and
/// never more live calls than <c>maxConcurrent</c>. Driven by the caller's clock.
/// </summary>
public sealed class DialPacer
{
    private readonly double _perSecond;
    private readonly double _capacity;
    private double _tokens;
    private DateTimeOffset? _filledAt;

    public DialPacer(int maxConcurrent, int maxPerMinute, TimeSpan tickPeriod)
    {
        if (maxConcurrent < 1) throw new ArgumentOutOfRangeException(nameof(maxConcurrent));
        if (maxPerMinute < 1) throw new ArgumentOutOfRangeException(nameof(maxPerMinute));
        MaxConcurrent = maxConcurrent;
        MaxPerMinute = maxPerMinute;
        _perSecond = maxPerMinute / 60.0;
        _capacity = Math.Max(1, _perSecond * tickPeriod.TotalSeconds * 2);
        _tokens = 1;
    }

    public int MaxConcurrent { get; }

    public int MaxPerMinute { get; }

    /// <summary>How far apart dials are at full rate.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(1 / _perSecond);

    /// <summary>
    /// How many dials may start at <paramref name="now"/> with <paramref name="liveCalls"/> calls live and
    /// <paramref name="ready"/> leads waiting; the dials are taken from the budget.
    /// </summary>
    public int Take(DateTimeOffset now, int liveCalls, int ready)
    {
        Fill(now);
        var dials = (int)Math.Min(Math.Floor(_tokens), Math.Max(0, Math.Min(MaxConcurrent - liveCalls, ready)));
        _tokens -= dials;
        return dials;
    }

    /// <summary>Gives back dials taken but not placed (fewer leads were due, or the tenant's budget granted fewer).</summary>
    public void Return(int dials)
    {
        if (dials > 0) _tokens = Math.Min(_capacity, _tokens + dials);
    }

    /// <summary>When the budget next holds a whole dial (now, when it already does).</summary>
    public DateTimeOffset NextDialAt(DateTimeOffset now)
    {
        Fill(now);
        return _tokens >= 1 ? now : now + TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
    }

    private void Fill(DateTimeOffset now)
    {
        if (_filledAt is { } last && now > last) _tokens = Math.Min(_capacity, _tokens + (now - last).TotalSeconds * _perSecond);
        if (_filledAt is null || now > _filledAt) _filledAt = now;
    }
}
