using VoicePlatform.Agents;
using VoicePlatform.Brands;

namespace VoicePlatform.Telephony;

/// <summary>A caller-id number as the API shows it; <see cref="Revision"/> is its ETag.</summary>
[GenerateSerializer, Immutable, Alias("vp.PhoneNumberView")]
public sealed record PhoneNumberView
{
    [Id(0)] public required PhoneNumberId Id { get; init; }
    [Id(1)] public required string Number { get; init; }
    [Id(2)] public string? Label { get; init; }
    [Id(3)] public required PhoneNumberStatus Status { get; init; }
    [Id(4)] public BrandId? AssignedBrandId { get; init; }
    [Id(5)] public AgentId? AssignedAgentId { get; init; }
    [Id(6)] public SipTrunkId? TrunkId { get; init; }
    /// <summary>ISO 3166-1 region of the number (US, GB), from libphonenumber.</summary>
    [Id(7)] public required string RegionCode { get; init; }
    [Id(8)] public required int CountryCode { get; init; }
    /// <summary>IANA time zones the number may ring in, for calling-hours rules.</summary>
    [Id(9)] public required IReadOnlyList<string> TimeZones { get; init; }
    [Id(10)] public required int Revision { get; init; }
    [Id(11)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(12)] public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>
    /// Whether this record holds the number on the platform. False only for a number another account also registered
    /// before numbers were claimed platform-wide: it is not presented as a caller id until the operator decides.
    /// </summary>
    [Id(13)] public bool Claimed { get; init; }
    /// <summary>How the number answers calls to it; null when it takes none.</summary>
    [Id(14)] public InboundRouting? Inbound { get; init; }
    /// <summary>The LiveKit dispatch rule (<c>SDR_…</c>) that brings its calls to the platform, once it is in place.</summary>
    [Id(15)] public string? LiveKitDispatchRuleId { get; init; }
}
