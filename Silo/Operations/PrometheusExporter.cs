using Prometheus;

namespace VoicePlatform.Silo.Operations;

/// <summary>
/// Starts exporting .NET meters (Orleans' among them) at start-up. prometheus-net's default adapter
/// only starts at the first scrape, which would hide everything that happened before it. The scrape passes
/// <c>promtool check metrics</c> whole (tests lint a busy one).
/// </summary>
public static class PrometheusExporter
{
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        // The event-counter adapter repeats what the runtime's meters say (and names its own series against the
        // conventions); the meters are the source.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true, SuppressEventCounters = true });
        CountInstrumentBridge.Start();
        MeterAdapter.StartListening(new MeterAdapterOptions
        {
            InstrumentFilterPredicate = instrument => !CountInstrumentBridge.Handles(instrument),
            // The buckets an instrument advises (the platform's own histograms do), else prometheus-net's defaults.
            ResolveHistogramBuckets = instrument => instrument is System.Diagnostics.Metrics.Histogram<double> { Advice.HistogramBucketBoundaries: { } buckets }
                ? buckets.ToArray()
                : MeterAdapterOptions.DefaultHistogramBuckets,
        });
        VoicePlatform.Grains.Calls.CallMetrics.Initialize();
        VoicePlatform.Grains.Campaigns.CampaignMetrics.Initialize();
        VoicePlatform.Grains.Webhooks.WebhookMetrics.Initialize();
    }
}
