namespace VoicePlatform.Webhooks;

/// <summary>An endpoint with a secret just issued: the only time the secret is shown.</summary>
[GenerateSerializer, Immutable, Alias("vp.WebhookSecretIssued")]
public sealed record WebhookSecretIssued
{
    [Id(0)] public required WebhookEndpointView Endpoint { get; init; }
    /// <summary><c>whsec_</c> and the base64 of 32 random bytes; the HMAC key is the decoded bytes.</summary>
    [Id(1)] public required string Secret { get; init; }
}
