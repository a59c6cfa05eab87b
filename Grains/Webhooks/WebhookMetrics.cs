using System.Diagnostics.Metrics;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// Outbound webhooks on /metrics as <c>voiceplatform_webhooks_*</c>: POSTs by result and their latency, dead letters,
/// endpoints disabled. Bounded labels only (the result); per-endpoint figures are the delivery log's.
/// </summary>
public static class WebhookMetrics
{
    public const string MeterName = "VoicePlatform.Webhooks";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("deliveries", "{attempt}",
        "Delivery attempts, by result (delivered, http-error, timeout, network-error, blocked).");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram("delivery_duration_seconds", "s",
        "How long a receiver took to answer a delivery attempt, by result.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    private static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("dead_letters", "{delivery}",
        "Deliveries dead-lettered after their last attempt failed.");
    private static readonly Counter<long> Disabled = Meter.CreateCounter<long>("endpoints_disabled", "{endpoint}",
        "Endpoints the platform disabled after failing for too long.");

    public static void Attempted(WebhookSendResult result)
    {
        var label = new KeyValuePair<string, object?>("result", Label(result.Verdict));
        Deliveries.Add(1, label);
        Duration.Record(result.Elapsed.TotalSeconds, label);
    }

    /// <summary>Series that may stay at zero for days start at zero, so an alert or a dashboard finds them before the first one.</summary>
    public static void Initialize()
    {
        DeadLetters.Add(0);
        Disabled.Add(0);
    }

    public static void DeadLettered() => DeadLetters.Add(1);

    public static void EndpointDisabled() => Disabled.Add(1);

    private static string Label(WebhookSendVerdict verdict) => verdict switch
    {
        WebhookSendVerdict.Delivered => "delivered",
        WebhookSendVerdict.HttpError => "http-error",
        WebhookSendVerdict.Timeout => "timeout",
        WebhookSendVerdict.NetworkError => "network-error",
        _ => "blocked",
    };
}
