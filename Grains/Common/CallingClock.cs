using System.Globalization;

namespace VoicePlatform.Grains.Common;

/// <summary>
/// The clock every calling decision reads — windows, the legal bound, frequency caps, retry times, when a campaign
/// starts and ends, and the due times of its timers: the host's clock, shifted by a configured offset
/// (<c>Clock:Offset</c>) and optionally running faster (<c>Clock:Rate</c>); both are identity in production. Tests
/// and the all-in-one demo set an offset to a lawful hour so they pass at any hour of the real day, and tests set a
/// rate so that retry delays of minutes pass in seconds. Only calling decisions use it: tokens, webhook signatures and
/// a call's own timestamps keep the host's clock, because LiveKit checks those against real time.
/// </summary>
public sealed class CallingClock : TimeProvider
{
    public const string OffsetKey = "Clock:Offset";
    public const string RateKey = "Clock:Rate";

    private readonly TimeProvider _host;
    private readonly DateTimeOffset _hostAnchor;

    public CallingClock(TimeProvider host, TimeSpan offset, double rate = 1)
    {
        if (rate is <= 0 or > 10_000) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"{RateKey} must be above 0 and at most 10000.");
        _host = host;
        _hostAnchor = host.GetUtcNow();
        Offset = offset;
        Rate = rate;
    }

    public TimeSpan Offset { get; }

    /// <summary>Calling-clock seconds per host second.</summary>
    public double Rate { get; }

    public override DateTimeOffset GetUtcNow()
    {
        var host = _host.GetUtcNow();
        return Rate == 1 ? host + Offset : _hostAnchor + Offset + (host - _hostAnchor) * Rate;
    }

    public override long GetTimestamp() => _host.GetTimestamp();

    public override long TimestampFrequency => _host.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _host.LocalTimeZone;

    /// <summary>How long the host waits for <paramref name="span"/> of calling time to pass (timers run on the host's clock).</summary>
    public TimeSpan HostDelay(TimeSpan span) => span <= TimeSpan.Zero ? TimeSpan.Zero : Rate == 1 ? span : span / Rate;

    /// <summary>
    /// The offset as configured: a time span (<c>-03:00:00</c>), or an instant to pretend it is now
    /// (<c>at:2026-12-02T17:00:00Z</c>), the offset then fixed when the host starts.
    /// </summary>
    public static TimeSpan ParseOffset(string? configured, DateTimeOffset hostNow)
    {
        if (string.IsNullOrWhiteSpace(configured)) return TimeSpan.Zero;
        if (configured.StartsWith("at:", StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(configured[3..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at - hostNow;
        if (TimeSpan.TryParse(configured, CultureInfo.InvariantCulture, out var span)) return span;
        throw new FormatException($"{OffsetKey} must be a time span such as -03:00:00 or an instant such as at:2026-12-02T17:00:00Z; got '{configured}'.");
    }

    public static double ParseRate(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? 1
        : double.TryParse(configured, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) ? rate
        : throw new FormatException($"{RateKey} must be a number such as 60; got '{configured}'.");
}
