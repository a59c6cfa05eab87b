using System.Diagnostics.Metrics;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// LiveKit's server API as the platform sees it: each request's latency by Twirp method and outcome (<c>ok</c>, the
/// Twirp error code, or <c>error</c> when no answer came). Both label sets are bounded.
/// </summary>
public static class LiveKitMetrics
{
    public const string MeterName = "VoicePlatform.LiveKit";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Requests = Meter.CreateHistogram("request_duration_seconds", "s",
        "LiveKit server API requests (one per attempt), by method and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    public static void Request(string method, string outcome, TimeSpan duration) =>
        Requests.Record(duration.TotalSeconds, new("method", method), new("outcome", outcome));
}
