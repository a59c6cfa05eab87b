using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Prometheus;

namespace VoicePlatform.Silo.Operations;

/// <summary>
/// Instruments whose names end in <c>count</c> or <c>total</c> that are not histograms — the runtime's
/// <c>dotnet.timer.count</c>, Npgsql's <c>db.client.connection.count</c>, Orleans' <c>orleans-directory-snapshot-transfer-count</c>
/// and the like — would be exported by prometheus-net's meter adapter as gauges ending in <c>_count</c> or <c>_total</c>,
/// suffixes Prometheus reserves for histograms, summaries and counters (<c>promtool check metrics</c> flags them). The
/// adapter leaves them out (<see cref="Handles"/>) and this listener exports their readings as gauges named in the plural
/// (<c>system_runtime_dotnet_timers</c>, <c>npgsql_db_client_connections</c>) or without the suffix. Values are the
/// instruments' own, labels their tags.
/// </summary>
public static class CountInstrumentBridge
{
    // By exported name: two meters of one name (two hosts in one process, as in tests) share their gauges.
    private static readonly ConcurrentDictionary<string, (Gauge Gauge, string[] Labels)> Gauges = new();
    private static MeterListener? _listener;

    /// <summary>Whether the bridge, not the adapter, exports <paramref name="instrument"/>.</summary>
    public static bool Handles(Instrument instrument) => !IsHistogram(instrument) && Suffix(Sanitize(instrument.Name)) is not null;

    // Prometheus reserves _count for histograms and summaries, and _total for counters (the adapter exports gauges).
    private static string? Suffix(string name) =>
        name.EndsWith("_count", StringComparison.Ordinal) ? "_count" : name.EndsWith("_total", StringComparison.Ordinal) ? "_total" : null;

    public static void Start()
    {
        if (Interlocked.CompareExchange(ref _listener, new MeterListener(), null) is not null) return;
        var listener = _listener;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (Handles(instrument)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        listener.Start();
        // Observable instruments report when asked: ask just before each scrape.
        Metrics.DefaultRegistry.AddBeforeCollectCallback(listener.RecordObservableInstruments);
    }

    private static void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // A listener's callback runs inside whoever records (Npgsql opening a connection, a scrape): it must never throw.
        try
        {
            RecordUnsafe(instrument, value, tags);
        }
        catch (Exception)
        {
            // A reading that cannot be exported (labels that changed shape) is dropped; the instrument's next one is tried again.
        }
    }

    private static void RecordUnsafe(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = NameOf(instrument);
        if (!Gauges.TryGetValue(name, out var exported)) exported = Gauges.GetOrAdd(name, Create(instrument, tags.ToArray()));
        var (gauge, labels) = exported;
        var values = new string[labels.Length];
        for (var i = 0; i < labels.Length; i++) values[i] = "";
        foreach (var tag in tags)
        {
            var index = Array.IndexOf(labels, Sanitize(tag.Key));
            if (index >= 0) values[index] = tag.Value?.ToString() ?? "";
        }
        var child = gauge.WithLabels(values);
        // A synchronous counter reports changes; an observable instrument reports what it reads.
        if (instrument.IsObservable) child.Set(value);
        else child.Inc(value);
    }

    private static (Gauge, string[]) Create(Instrument instrument, KeyValuePair<string, object?>[] tags)
    {
        var labels = tags.Select(t => Sanitize(t.Key)).Distinct().ToArray();
        var name = NameOf(instrument);
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? $"{instrument.Meter.Name} {instrument.Name}." : instrument.Description;
        return (Metrics.CreateGauge(name, help, labels), labels);
    }

    /// <summary><c>…_count</c> becomes the plural (<c>timer_count</c> → <c>timers</c>); <c>…_total</c> loses the suffix.</summary>
    private static string NameOf(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        var stem = name[..^Suffix(name)!.Length];
        return $"{Sanitize(instrument.Meter.Name)}_{(name.EndsWith("_count", StringComparison.Ordinal) ? Plural(stem) : stem)}";
    }

    private static string Plural(string name) =>
        name.EndsWith('y') && !name.EndsWith("ay", StringComparison.Ordinal) && !name.EndsWith("ey", StringComparison.Ordinal) ? name[..^1] + "ies" : name + "s";

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant()) builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        return builder.ToString();
    }

    private static bool IsHistogram(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>);
    }
}
