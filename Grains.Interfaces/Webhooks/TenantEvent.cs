using VoicePlatform.Tenants;

namespace VoicePlatform.Webhooks;

/// <summary>
/// One event for a tenant's webhooks, in the live feed's envelope (<c>type</c>, <c>tenantId</c>, <c>sourceId</c>,
/// <c>sourceEpoch</c>, <c>sequence</c>, <c>at</c>, <c>payload</c>) with an <see cref="Id"/> a receiver de-duplicates by.
/// The id is derived from the source, its sequence and the type, so the same change recorded again — after a crash,
/// a retry, a re-activation — is the same event. <see cref="Sequence"/> counts the source's events durably (its epoch
/// is <see cref="DurableEpoch"/>: the numbering never restarts), for ordering.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.TenantEvent")]
public sealed record TenantEvent
{
    /// <summary>The source epoch of every webhook event: sequences are durable, unlike the live feed's per-activation ones.</summary>
    public const string DurableEpoch = "durable";

    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Type { get; init; }
    [Id(2)] public required TenantId TenantId { get; init; }
    /// <summary>The call, lead, campaign, wallet or endpoint the event is about.</summary>
    [Id(3)] public required string SourceId { get; init; }
    [Id(4)] public required long Sequence { get; init; }
    [Id(5)] public required DateTimeOffset At { get; init; }
    /// <summary>The payload as JSON, fixed when the event is made: every delivery of the event carries the same bytes.</summary>
    [Id(6)] public required string PayloadJson { get; init; }

    /// <summary>
    /// The id of the event <paramref name="type"/> that is <paramref name="sequence"/>th of <paramref name="sourceId"/>:
    /// <c>evt_</c> and 26 base32 characters of a SHA-256 over all four (the tenant too, so ids never collide across tenants).
    /// </summary>
    public static string IdFor(TenantId tenant, string sourceId, long sequence, string type) =>
        "evt_" + VoicePlatform.Common.RandomIds.Derive($"{tenant.Value}\n{sourceId}\n{sequence}\n{type}", 26);
}
