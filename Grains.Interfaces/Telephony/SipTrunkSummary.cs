namespace VoicePlatform.Telephony;

/// <summary>A trunk's line in its tenant's telephony directory: enough to list it and to place calls through it.</summary>
[GenerateSerializer, Immutable, Alias("vp.SipTrunkSummary")]
public sealed record SipTrunkSummary
{
    [Id(0)] public required SipTrunkId Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string LiveKitTrunkId { get; init; }
    [Id(3)] public required IReadOnlyList<string> Numbers { get; init; }
    [Id(4)] public required SipTrunkStatus Status { get; init; }
    /// <summary>Only outbound trunks place calls; an inbound trunk brings its numbers' callers in.</summary>
    [Id(5)] public SipTrunkDirection Direction { get; init; }
}
