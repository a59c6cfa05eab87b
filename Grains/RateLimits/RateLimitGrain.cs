using VoicePlatform.RateLimits;

namespace VoicePlatform.Grains.RateLimits;

/// <summary>
/// A tenant's bucket for one class of requests. In memory only: after a silo failure the bucket starts full again, which
/// lets at most one burst through — a limit is protection, not accounting. Collected when idle like any grain.
/// </summary>
[GrainType("rate-limit")]
public sealed class RateLimitGrain(TimeProvider time) : Grain, IRateLimitGrain
{
    private TokenBucket? _bucket;

    public Task<RateLimitGrant> AcquireAsync(RateLimitRequest request)
    {
        var now = time.GetUtcNow();
        var (granted, retryAfter) = (_bucket ??= new TokenBucket(now)).Take(request.Wanted, request.PerSecond, request.Burst, now);
        return Task.FromResult(new RateLimitGrant { Granted = granted, RetryAfter = retryAfter });
    }
}
