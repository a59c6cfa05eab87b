namespace VoicePlatform.Webhooks;

/// <summary>What a tenant sets on an endpoint: where events go and which ones.</summary>
[GenerateSerializer, Immutable, Alias("vp.WebhookEndpointSettings")]
public sealed record WebhookEndpointSettings
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;

    /// <summary>Where events are POSTed: https (http only in development), never a private or loopback address unless the operator allows its network.</summary>
    [Id(0)] public required string Url { get; init; }
    [Id(1)] public string? Description { get; init; }
    /// <summary>The event types sent; empty means every type (including ones added later).</summary>
    [Id(2)] public IReadOnlyList<string> EventTypes { get; init; } = [];

    public bool Wants(string type) => EventTypes.Count == 0 || EventTypes.Contains(type, StringComparer.Ordinal);

    public bool SameAs(WebhookEndpointSettings other) =>
        Url == other.Url && Description == other.Description && EventTypes.SequenceEqual(other.EventTypes, StringComparer.Ordinal);
}
