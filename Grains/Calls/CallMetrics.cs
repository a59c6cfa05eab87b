using System.Diagnostics.Metrics;
using VoicePlatform.Calls;
using VoicePlatform.Common;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// The calls' Prometheus figures (exported from this meter by every silo's /metrics as <c>voiceplatform_calls_*</c>: the
/// exporter joins the meter's and the instrument's names). Labels are bounded sets only —
/// direction and end reason — never a tenant, campaign, call or user: per-tenant figures belong to the API.
/// prometheus-net 8's meter adapter exports a meter's counters as gauges (it keeps no monotonic type), so the counters
/// are named without <c>_total</c>; their values only ever grow per process all the same.
/// Counted where a transition happens, so a transition a crash makes a new activation repeat may count twice; live
/// calls are counted per silo by the activations that hold them.
/// </summary>
public static class CallMetrics
{
    public const string MeterName = "VoicePlatform.Calls";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Started = Meter.CreateCounter<long>("started", "{call}", "Calls whose dial started.");
    private static readonly Counter<long> Ended = Meter.CreateCounter<long>("ended", "{call}", "Calls that ended, by end reason.");
    private static readonly Counter<long> Abandoned = Meter.CreateCounter<long>("abandoned", "{call}",
        "Calls answered by a person while no AI agent was there to talk.");
    private static readonly Histogram<double> Setup = Meter.CreateHistogram("setup_duration_seconds", "s", "From the dial to the answer.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 3, 5, 8, 13, 20, 30, 45, 60] });
    private static readonly Histogram<double> Talk = Meter.CreateHistogram("talk_duration_seconds", "s", "From the answer to the end.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600] });
    private static readonly UpDownCounter<long> Live = Meter.CreateUpDownCounter<long>("live", "{call}",
        "Live calls (dialing to end) held by this silo's activations.");

    private static readonly KeyValuePair<string, object?> Outbound = new("direction", "outbound");
    private static readonly KeyValuePair<string, object?> Inbound = new("direction", "inbound");

    private static KeyValuePair<string, object?> Label(CallDirection direction) => direction == CallDirection.Inbound ? Inbound : Outbound;

    /// <summary>Records what the transition from <paramref name="from"/> to <paramref name="next"/> means (an inbound call "starts" as it arrives).</summary>
    public static void Transition(CallProgress from, CallProgress next, AnsweredBy? answeredBy, CallDirection direction = CallDirection.Outbound)
    {
        var label = Label(direction);
        if (from.DialingAt is null && next.DialingAt is not null) Started.Add(1, label);
        // An answer seen before the dial was (a loaded silo, or a dial time lost with an activation) still counts, from the
        // queue time: the setup histogram's count must match the answered calls.
        if (from.AnsweredAt is null && next.AnsweredAt is { } answered)
            Setup.Record(Math.Max(0, (answered - (next.DialingAt ?? next.QueuedAt)).TotalSeconds), label);
        if (!from.IsEnded && next.IsEnded)
        {
            Ended.Add(1, label, new("end_reason", next.EndReason?.Kebab() ?? "unknown"));
            if (next.AnsweredAt is { } talkFrom && next.EndedAt is { } talkTo) Talk.Record(Math.Max(0, (talkTo - talkFrom).TotalSeconds), label);
            if (CallLifecycle.IsAbandoned(next, answeredBy)) Abandoned.Add(1, label);
        }
    }

    /// <summary>Series that may stay at zero for days start at zero, so an alert or a dashboard finds them before the first one.</summary>
    public static void Initialize()
    {
        foreach (var direction in new[] { Outbound, Inbound })
        {
            Abandoned.Add(0, direction);
            Live.Add(0, direction);
            Started.Add(0, direction);
        }
    }

    private static long _liveInProcess;

    /// <summary>Live calls held by this process's activations (one silo in production): what the answered calls' polls are shared by.</summary>
    public static long LiveInProcess => Interlocked.Read(ref _liveInProcess);

    public static void LiveHeld(CallDirection direction = CallDirection.Outbound)
    {
        Interlocked.Increment(ref _liveInProcess);
        Live.Add(1, Label(direction));
    }

    public static void LiveReleased(CallDirection direction = CallDirection.Outbound)
    {
        Interlocked.Decrement(ref _liveInProcess);
        Live.Add(-1, Label(direction));
    }
}
