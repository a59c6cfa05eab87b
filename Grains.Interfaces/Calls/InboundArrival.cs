using VoicePlatform.Telephony;

namespace VoicePlatform.Calls;

/// <summary>
/// An inbound call as LiveKit reports it — by the caller's SIP participant webhook or by the agent worker LiveKit
/// dispatched into its room — enough to create the call once, whichever arrives first.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.InboundArrival")]
public sealed record InboundArrival
{
    /// <summary>LiveKit's SIP call id (<c>SCL_…</c>): the call's key, so every report of it reaches the same call.</summary>
    [Id(0)] public required string SipCallId { get; init; }
    /// <summary>The room the number's dispatch rule made for this call.</summary>
    [Id(1)] public required string RoomName { get; init; }
    [Id(2)] public required PhoneNumberId NumberId { get; init; }
    /// <summary>The caller as LiveKit has it (<c>sip.phoneNumber</c>); null or not a number when withheld.</summary>
    [Id(3)] public string? CallerNumber { get; init; }
    /// <summary>The caller's participant identity in the room (<c>sip_…</c>); null when the report did not say.</summary>
    [Id(4)] public string? CallerIdentity { get; init; }
    /// <summary>When LiveKit says the caller joined: the call's arrival, whatever the report's delay.</summary>
    [Id(5)] public DateTimeOffset? ArrivedAt { get; init; }
    [Id(6)] public string? LiveKitTrunkId { get; init; }
}
