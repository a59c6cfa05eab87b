namespace VoicePlatform.Telephony;

/// <summary>A SIP trunk as the API shows it; <see cref="Revision"/> is its ETag.</summary>
[GenerateSerializer, Immutable, Alias("vp.SipTrunkView")]
public sealed record SipTrunkView
{
    [Id(0)] public required SipTrunkId Id { get; init; }
    [Id(1)] public required string LiveKitTrunkId { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required IReadOnlyList<string> Numbers { get; init; }
    [Id(4)] public required int MaxConcurrentCalls { get; init; }
    [Id(5)] public required double CallsPerSecond { get; init; }
    [Id(6)] public required SipTrunkStatus Status { get; init; }
    [Id(7)] public required int Revision { get; init; }
    [Id(8)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>
    /// Whether this record holds the LiveKit trunk on the platform. False only for a trunk another account also registered
    /// before trunks were claimed platform-wide: no call goes through it until the operator decides.
    /// </summary>
    [Id(10)] public bool Claimed { get; init; }
    [Id(11)] public SipTrunkDirection Direction { get; init; }
    /// <summary>The carrier side, when the platform provisions the trunk on LiveKit; the password is never shown.</summary>
    [Id(12)] public SipTrunkProvider? Provider { get; init; }
    /// <summary>Whether a SIP password is kept (encrypted) for the trunk.</summary>
    [Id(13)] public bool HasAuthPassword { get; init; }
}
