namespace VoicePlatform.Webhooks;

/// <summary>An endpoint as the API shows it; its secrets never appear here (only when issued).</summary>
[GenerateSerializer, Immutable, Alias("vp.WebhookEndpointView")]
public sealed record WebhookEndpointView
{
    [Id(0)] public required WebhookEndpointId Id { get; init; }
    [Id(1)] public required string Url { get; init; }
    [Id(2)] public string? Description { get; init; }
    [Id(3)] public required IReadOnlyList<string> EventTypes { get; init; }
    [Id(4)] public required WebhookEndpointStatus Status { get; init; }
    /// <summary>Why it is disabled, when it is.</summary>
    [Id(5)] public string? StatusReason { get; init; }
    /// <summary>When its current run of failed deliveries began; null while its last delivery succeeded.</summary>
    [Id(6)] public DateTimeOffset? FailingSince { get; init; }
    /// <summary>Until when deliveries are also signed with the secret before the last rotation.</summary>
    [Id(7)] public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
    [Id(8)] public required int Revision { get; init; }
    [Id(9)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public required DateTimeOffset UpdatedAt { get; init; }
}
