using VoicePlatform.Tenants;

namespace VoicePlatform.Live;

/// <summary>
/// The one envelope of everything that happens live: on Orleans streams to supervisors now, and to tenants' outbound
/// webhooks later. <see cref="Sequence"/> counts a source's events within one <see cref="SourceEpoch"/> (one
/// activation of the publishing grain, 1, 2, 3…): a consumer drops an event at or below the last it applied, and a jump
/// — or a new epoch — tells it that events were lost, which a fresh snapshot heals.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.LiveEvent")]
public sealed record LiveEvent
{
    /// <summary>One of <see cref="LiveEventTypes"/>.</summary>
    [Id(0)] public required string Type { get; init; }
    [Id(1)] public required TenantId TenantId { get; init; }
    /// <summary>The call, campaign or wallet the event is about (its id; a wallet is its tenant's).</summary>
    [Id(2)] public required string SourceId { get; init; }
    [Id(3)] public required string SourceEpoch { get; init; }
    [Id(4)] public required long Sequence { get; init; }
    [Id(5)] public required DateTimeOffset At { get; init; }
    [Id(6)] public required LiveEventPayload Payload { get; init; }
}
