using VoicePlatform.Tenants;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// An endpoint as stored (its row in <c>webhook_endpoints</c>): the endpoint grain is its only writer, and the outbox
/// reads it to fan a new event out to the endpoints that want it, in the transaction that records the event.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.WebhookEndpointRecord")]
public sealed record WebhookEndpointRecord
{
    [Id(0)] public required TenantId TenantId { get; init; }
    [Id(1)] public required WebhookEndpointId Id { get; init; }
    [Id(2)] public required WebhookEndpointSettings Settings { get; init; }
    [Id(3)] public WebhookEndpointStatus Status { get; init; }
    [Id(4)] public string? StatusReason { get; init; }
    [Id(5)] public required string Secret { get; init; }
    [Id(6)] public string? PreviousSecret { get; init; }
    [Id(7)] public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
    [Id(8)] public DateTimeOffset? FailingSince { get; init; }
    [Id(9)] public required int Revision { get; init; }
    [Id(10)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(11)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The secrets that sign a delivery at <paramref name="now"/>: the current one, and the previous until its overlap ends.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];

    public WebhookEndpointView ToView(DateTimeOffset now) => new()
    {
        Id = Id,
        Url = Settings.Url,
        Description = Settings.Description,
        EventTypes = Settings.EventTypes,
        Status = Status,
        StatusReason = StatusReason,
        FailingSince = FailingSince,
        PreviousSecretExpiresAt = PreviousSecret is not null && PreviousSecretExpiresAt > now ? PreviousSecretExpiresAt : null,
        Revision = Revision,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}
