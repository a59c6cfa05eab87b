namespace VoicePlatform.Grains.RateLimits;

/// <summary>
/// A token bucket: up to <c>burst</c> tokens, refilled at <c>perSecond</c>; a request takes what is there, up to what it
/// wants. Driven by the caller's clock, so it is exact under a fake one.
/// </summary>
public sealed class TokenBucket(DateTimeOffset now)
{
    private double _tokens = double.NaN;
    private DateTimeOffset _refilledAt = now;

    /// <summary>Takes up to <paramref name="wanted"/> tokens at <paramref name="now"/>; when none, how long until one.</summary>
    public (int Granted, TimeSpan RetryAfter) Take(int wanted, double perSecond, int burst, DateTimeOffset now)
    {
        if (perSecond <= 0 || burst <= 0) return (0, TimeSpan.FromSeconds(1));
        // A new bucket starts full; a changed burst caps what it holds.
        if (double.IsNaN(_tokens)) _tokens = burst;
        var elapsed = (now - _refilledAt).TotalSeconds;
        if (elapsed > 0) _tokens = Math.Min(burst, _tokens + elapsed * perSecond);
        _tokens = Math.Min(_tokens, burst);
        _refilledAt = now > _refilledAt ? now : _refilledAt;
        var granted = (int)Math.Min(Math.Floor(_tokens), Math.Max(0, wanted));
        _tokens -= granted;
        if (granted > 0) return (granted, TimeSpan.Zero);
        return (0, TimeSpan.FromSeconds((1 - _tokens) / perSecond));
    }
}
