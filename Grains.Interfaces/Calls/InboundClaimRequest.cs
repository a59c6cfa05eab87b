namespace VoicePlatform.Calls;

/// <summary>
/// What an inbound job's worker sends: its room and what the caller's participant says (its attributes
/// <c>sip.callID</c>, <c>sip.phoneNumber</c>, <c>sip.trunkID</c>), with LiveKit's job token as its bearer credential.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.InboundClaimRequest")]
public sealed record InboundClaimRequest
{
    [Id(0)] public string? Room { get; init; }
    [Id(1)] public string? SipCallId { get; init; }
    [Id(2)] public string? CallerNumber { get; init; }
    [Id(3)] public string? CalledNumber { get; init; }
    [Id(4)] public string? TrunkId { get; init; }
    [Id(5)] public string? RuleId { get; init; }
    /// <summary>The caller's participant identity in the room (LiveKit's <c>sip_…</c>).</summary>
    [Id(6)] public string? ParticipantIdentity { get; init; }
}
