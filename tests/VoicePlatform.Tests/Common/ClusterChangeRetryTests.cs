using Microsoft.Extensions.Time.Testing;
using VoicePlatform.Grains.Common;

namespace VoicePlatform.Tests.Common;

/// <summary>A grain call the cluster refused while it changed is sent again a few times; anything else is not.</summary>
public sealed class ClusterChangeRetryTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ACallRefusedBecauseItsSiloLeftIsSentAgainAfterAMomentAndAnswers()
    {
        var attempts = 0;
        var waits = new List<TimeSpan>();
        var call = ClusterChangeRetry.RunAsync(() => ++attempts <= 2 ? throw new SiloUnavailableException("the silo left") : Task.FromResult(42), _time, (_, wait) => waits.Add(wait));

        // Nothing is sent again before its wait is over.
        Assert.Equal(1, attempts);
        Assert.False(call.IsCompleted);
        _time.Advance(ClusterChangeRetry.Delays[0] - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, attempts);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, attempts);
        _time.Advance(ClusterChangeRetry.Delays[1]);

        Assert.Equal(42, await call);
        Assert.Equal(3, attempts);
        Assert.Equal(ClusterChangeRetry.Delays.Take(2), waits);
    }

    [Fact]
    public async Task ACallStillRefusedAfterEveryRepeatFailsWithTheLastRefusal()
    {
        var attempts = 0;
        var call = ClusterChangeRetry.RunAsync<int>(() => throw new SiloUnavailableException($"refused {++attempts}"), _time);
        foreach (var delay in ClusterChangeRetry.Delays) _time.Advance(delay);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => call);
        Assert.Equal(ClusterChangeRetry.Delays.Count + 1, attempts);
        Assert.Equal($"refused {attempts}", error.Message);
    }

    [Fact]
    public async Task AFailureOfTheGrainOrATimeoutIsNotSentAgain()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterChangeRetry.RunAsync<int>(() => { attempts++; throw new InvalidOperationException("refused by the wallet"); }, _time));
        await Assert.ThrowsAsync<TimeoutException>(() => ClusterChangeRetry.RunAsync<int>(() => { attempts++; throw new TimeoutException("slow"); }, _time));
        Assert.Equal(2, attempts);
    }
}
