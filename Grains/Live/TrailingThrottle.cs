namespace VoicePlatform.Grains.Live;

/// <summary>
/// At most one publication per <see cref="Interval"/>, the last change always: a change long enough after the last
/// publication publishes at once, one sooner arms a single one-shot timer for when the interval is up. For the busy
/// sources of live events (a running campaign, a wallet), whose every change would flood the floor. Used only from
/// its grain's turns; <paramref name="arm"/> registers the grain timer.
/// </summary>
public sealed class TrailingThrottle(TimeSpan interval, TimeProvider time, Func<TimeSpan, Func<Task>, IGrainTimer> arm, Action publish)
{
    private DateTimeOffset _publishedAt = DateTimeOffset.MinValue;
    private IGrainTimer? _timer;

    /// <summary>The least time between two publications; a source may lengthen it when publishing costs more.</summary>
    public TimeSpan Interval { get; set; } = interval;

    /// <summary>Publishes now, whatever the interval (a transition, a crossing).</summary>
    public void Now()
    {
        _timer?.Dispose();
        _timer = null;
        _publishedAt = time.GetUtcNow();
        publish();
    }

    /// <summary>Something changed: published now, or once when the interval since the last publication is up.</summary>
    public void Changed()
    {
        var due = _publishedAt + Interval - time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            Now();
            return;
        }
        _timer ??= arm(due, () =>
        {
            Now();
            return Task.CompletedTask;
        });
    }
}
