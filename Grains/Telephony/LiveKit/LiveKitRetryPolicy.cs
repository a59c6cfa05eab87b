namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// Bounded retries with exponential backoff and jitter for LiveKit calls. Whether a failure is retried
/// depends on the call's <see cref="LiveKitRetryMode"/>: a safe call is retried on transient failures; a
/// call with side effects only when the connection failed before the request was sent; a dial never.
/// The delay is injected so tests run on fake time.
/// </summary>
public sealed class LiveKitRetryPolicy
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _random;

    public LiveKitRetryPolicy(
        int maxAttempts,
        TimeSpan baseDelay,
        TimeSpan maxDelay,
        Func<TimeSpan, CancellationToken, Task> delay,
        Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        _delay = delay;
        _random = random ?? Random.Shared.NextDouble;
    }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public static LiveKitRetryPolicy Create(LiveKitOptions options, TimeProvider time) =>
        new(options.MaxAttempts, options.RetryBaseDelay, options.RetryMaxDelay, (d, ct) => Task.Delay(d, time, ct));

    /// <summary>Unavailable, a 5xx other than 501, a timeout, or a connection that never carried the request.</summary>
    public static bool IsTransient(LiveKitTwirpException error) =>
        error.RequestNotSent ||
        error.Code is "unavailable" or "deadline_exceeded" ||
        error.HttpStatus is >= 500 and <= 599 and not 501;

    /// <summary>Whether to try again after attempt number <paramref name="attemptsMade"/> failed with <paramref name="error"/>.</summary>
    public bool ShouldRetry(LiveKitRetryMode mode, LiveKitTwirpException error, int attemptsMade) =>
        attemptsMade < MaxAttempts && mode switch
        {
            LiveKitRetryMode.Safe => IsTransient(error),
            LiveKitRetryMode.OnlyIfNotSent => error.RequestNotSent,
            _ => false,
        };

    /// <summary>Wait before the next attempt: half of min(max, base·2^(n-1)) plus a random part of the other half.</summary>
    public TimeSpan DelayAfter(int attemptsMade)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * (double)(1L << exponent));
        return TimeSpan.FromTicks((long)(ceiling / 2 + ceiling / 2 * Math.Clamp(_random(), 0, 1)));
    }

    public async Task<T> ExecuteAsync<T>(
        LiveKitRetryMode mode,
        Func<CancellationToken, Task<T>> attempt,
        CancellationToken cancellationToken = default)
    {
        for (var attemptsMade = 1; ; attemptsMade++)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (LiveKitTwirpException error) when (ShouldRetry(mode, error, attemptsMade) && !cancellationToken.IsCancellationRequested)
            {
                await _delay(DelayAfter(attemptsMade), cancellationToken);
            }
        }
    }
}
