using Microsoft.Extensions.Time.Testing;
using VoicePlatform.Grains.Live;

namespace VoicePlatform.Tests.Live;

/// <summary>The busy sources' throttle: the first change at once, a burst as one more when the interval is up, never a lost last change.</summary>
public sealed class TrailingThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly List<(TimeSpan Due, Func<Task> Callback, FakeTimer Timer)> _armed = [];
    private int _published;

    private TrailingThrottle Throttle() => new(TimeSpan.FromSeconds(1), _time, (due, callback) =>
    {
        var timer = new FakeTimer();
        _armed.Add((due, callback, timer));
        return timer;
    }, () => _published++);

    [Fact]
    public async Task ABurstIsPublishedFirstAtOnceAndThenOnceWhenTheIntervalIsUp()
    {
        var throttle = Throttle();
        throttle.Changed();
        Assert.Equal(1, _published);

        _time.Advance(TimeSpan.FromMilliseconds(300));
        throttle.Changed();
        throttle.Changed();
        throttle.Changed();
        Assert.Equal(1, _published);
        var (due, callback, _) = Assert.Single(_armed);
        Assert.Equal(TimeSpan.FromMilliseconds(700), due);

        _time.Advance(due);
        await callback();
        Assert.Equal(2, _published);

        // Quiet for longer than the interval: the next change is published at once again, with no timer.
        _time.Advance(TimeSpan.FromSeconds(5));
        throttle.Changed();
        Assert.Equal(3, _published);
        Assert.Single(_armed);
    }

    [Fact]
    public void PublishingNowCancelsTheArmedOne()
    {
        var throttle = Throttle();
        throttle.Changed();
        throttle.Changed();
        var (_, _, timer) = Assert.Single(_armed);
        throttle.Now();
        Assert.Equal(2, _published);
        Assert.True(timer.Disposed);
    }

    [Fact]
    public void ALengthenedIntervalHoldsTheNextPublicationLonger()
    {
        // A campaign whose progress was slow to read asks for a longer interval; the next change waits for it.
        var throttle = Throttle();
        throttle.Changed();
        throttle.Interval = TimeSpan.FromSeconds(30);
        _time.Advance(TimeSpan.FromSeconds(5));
        throttle.Changed();
        Assert.Equal(1, _published);
        var (due, _, _) = Assert.Single(_armed);
        Assert.Equal(TimeSpan.FromSeconds(25), due);
    }

    private sealed class FakeTimer : IGrainTimer
    {
        public bool Disposed { get; private set; }
        public void Change(TimeSpan dueTime, TimeSpan period) { }
        public void Dispose() => Disposed = true;
    }
}
