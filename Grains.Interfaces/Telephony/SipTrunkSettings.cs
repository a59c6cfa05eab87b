namespace VoicePlatform.Telephony;

/// <summary>Everything about a SIP trunk its owner edits; written whole on create and update.</summary>
[GenerateSerializer, Immutable, Alias("vp.SipTrunkSettings")]
public sealed record SipTrunkSettings
{
    /// <summary>The id LiveKit gave the outbound trunk (<c>ST_…</c>).</summary>
    [Id(0)] public required string LiveKitTrunkId { get; init; }
    [Id(1)] public required string Name { get; init; }
    /// <summary>E.164 caller ids the trunk may present; empty means the carrier accepts any of the tenant's numbers.</summary>
    [Id(2)] public IReadOnlyList<string> Numbers { get; init; } = [];
    [Id(3)] public required int MaxConcurrentCalls { get; init; }
    [Id(4)] public required double CallsPerSecond { get; init; }
    [Id(5)] public SipTrunkStatus Status { get; init; }

    /// <summary>Value equality including the number list (records compare lists by reference).</summary>
    public bool SameAs(SipTrunkSettings other) =>
        this with { Numbers = other.Numbers } == other && Numbers.SequenceEqual(other.Numbers, StringComparer.Ordinal);
}
