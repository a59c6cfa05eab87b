using System.Diagnostics.Metrics;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Leads;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>
/// Campaigns on /metrics as <c>voiceplatform_campaigns_*</c>: dial orders by what became of them, transitions by the state
/// entered (and why a campaign paused), running campaigns per silo, and the pacing lag — how late a dial tick ran
/// after the moment the pacer planned it for. Bounded labels only; a campaign's own figures are its API's.
/// </summary>
public static class CampaignMetrics
{
    public const string MeterName = "VoicePlatform.Campaigns";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Dials = Meter.CreateCounter<long>("dials", "{dial}",
        "Dial orders by verdict (placed, do-not-call, refused, insufficient-funds, stale, deferred).");
    private static readonly Counter<long> Transitions = Meter.CreateCounter<long>("transitions", "{transition}",
        "Campaign transitions by the status entered and, for a pause, its reason.");
    private static readonly UpDownCounter<long> Running = Meter.CreateUpDownCounter<long>("running", "{campaign}",
        "Running campaigns whose grain is on this silo.");
    private static readonly Histogram<double> PacingLag = Meter.CreateHistogram("pacing_lag_seconds", "s",
        "How long after its planned time a dial tick that dialed ran (timer and scheduling delay, on the host's clock).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static void Dialed(LeadDialVerdict verdict) => Dials.Add(1, new KeyValuePair<string, object?>("verdict", verdict.Kebab()));

    public static void Moved(CampaignStatus to, PauseReason? reason) =>
        Transitions.Add(1, new("status", to.Kebab()), new("reason", to == CampaignStatus.Paused ? (reason ?? PauseReason.Requested).Kebab() : "none"));

    /// <summary>Series a dashboard reads before the first campaign start at zero.</summary>
    public static void Initialize() => Running.Add(0);

    public static void RunningHeld() => Running.Add(1);

    public static void RunningReleased() => Running.Add(-1);

    public static void Lagged(TimeSpan lag) => PacingLag.Record(Math.Max(0, lag.TotalSeconds));
}
