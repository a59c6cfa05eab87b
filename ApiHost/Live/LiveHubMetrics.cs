using System.Diagnostics.Metrics;

namespace VoicePlatform.ApiHost.Live;

/// <summary>The live hub's supervisors connected to this API host now.</summary>
public static class LiveHubMetrics
{
    public const string MeterName = "VoicePlatform.LiveHub";

    private static readonly Meter Meter = new(MeterName);

    private static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>("connections", "{connection}",
        "SignalR connections to the live hub on this API host.");

    /// <summary>Zero until the first supervisor connects, rather than absent.</summary>
    public static void Initialize() => Connections.Add(0);

    public static void Connected() => Connections.Add(1);

    public static void Disconnected() => Connections.Add(-1);
}
