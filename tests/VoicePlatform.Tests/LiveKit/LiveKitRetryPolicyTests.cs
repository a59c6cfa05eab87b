using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Tests.LiveKit;

public sealed class LiveKitRetryPolicyTests
{
    private readonly List<TimeSpan> _waits = [];

    private static LiveKitTwirpException Unavailable => new("unavailable", "down", 503);
    private static LiveKitTwirpException Timeout => new("deadline_exceeded", "slow", null);
    private static LiveKitTwirpException Refused => new("unavailable", "refused", null, requestNotSent: true);

    [Fact]
    public async Task ASafeCallIsRetriedOnTransientFailuresUntilItSucceeds()
    {
        var policy = Policy(maxAttempts: 4);
        var failures = new Queue<LiveKitTwirpException>([Unavailable, Timeout, new("internal", "boom", 500)]);

        var result = await policy.ExecuteAsync(LiveKitRetryMode.Safe, _ =>
            failures.TryDequeue(out var failure) ? Task.FromException<string>(failure) : Task.FromResult("ok"));

        Assert.Equal("ok", result);
        Assert.Equal(3, _waits.Count);
    }

    [Fact]
    public async Task RetriesStopAfterTheLastAttempt()
    {
        var attempts = 0;
        var policy = Policy(maxAttempts: 3);

        var error = await Assert.ThrowsAsync<LiveKitTwirpException>(() => policy.ExecuteAsync<string>(LiveKitRetryMode.Safe, _ =>
        {
            attempts++;
            throw Unavailable;
        }));

        Assert.Equal("unavailable", error.Code);
        Assert.Equal(3, attempts);
        Assert.Equal(2, _waits.Count);
    }

    [Theory]
    [InlineData("not_found", 404)]
    [InlineData("invalid_argument", 400)]
    [InlineData("unauthenticated", 401)]
    [InlineData("resource_exhausted", 429)]
    [InlineData("unimplemented", 501)]
    public void ASafeCallIsNotRetriedOnPermanentErrors(string code, int status)
    {
        Assert.False(Policy().ShouldRetry(LiveKitRetryMode.Safe, new LiveKitTwirpException(code, "no", status), 1));
    }

    [Fact]
    public void ADialIsNeverRetriedWhateverTheFailure()
    {
        var policy = Policy();

        Assert.False(policy.ShouldRetry(LiveKitRetryMode.Never, Unavailable, 1));
        Assert.False(policy.ShouldRetry(LiveKitRetryMode.Never, Timeout, 1));
        Assert.False(policy.ShouldRetry(LiveKitRetryMode.Never, Refused, 1));
    }

    [Fact]
    public void ACallWithSideEffectsIsRetriedOnlyWhenTheRequestNeverLeft()
    {
        var policy = Policy();

        Assert.True(policy.ShouldRetry(LiveKitRetryMode.OnlyIfNotSent, Refused, 1));
        Assert.False(policy.ShouldRetry(LiveKitRetryMode.OnlyIfNotSent, Unavailable, 1));
        Assert.False(policy.ShouldRetry(LiveKitRetryMode.OnlyIfNotSent, Timeout, 1));
    }

    [Fact]
    public void BackoffGrowsExponentiallyWithJitterAndIsCapped()
    {
        var low = new LiveKitRetryPolicy(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), (_, _) => Task.CompletedTask, () => 0);
        var high = new LiveKitRetryPolicy(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), (_, _) => Task.CompletedTask, () => 1);

        Assert.Equal(TimeSpan.FromMilliseconds(50), low.DelayAfter(1));
        Assert.Equal(TimeSpan.FromMilliseconds(100), high.DelayAfter(1));
        Assert.Equal(TimeSpan.FromMilliseconds(200), high.DelayAfter(2));
        Assert.Equal(TimeSpan.FromMilliseconds(400), high.DelayAfter(3));
        Assert.Equal(TimeSpan.FromSeconds(1), high.DelayAfter(9));
        Assert.Equal(TimeSpan.FromMilliseconds(500), low.DelayAfter(40));
    }

    [Fact]
    public async Task CancellationStopsTheWaitBetweenAttempts()
    {
        using var cts = new CancellationTokenSource();
        var policy = new LiveKitRetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), (_, ct) =>
        {
            cts.Cancel();
            return Task.FromCanceled(ct);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            policy.ExecuteAsync<string>(LiveKitRetryMode.Safe, _ => throw Unavailable, cts.Token));
    }

    private LiveKitRetryPolicy Policy(int maxAttempts = 4) =>
        new(maxAttempts, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), (wait, _) =>
        {
            _waits.Add(wait);
            return Task.CompletedTask;
        }, () => 0.5);
}
