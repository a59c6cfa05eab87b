namespace VoicePlatform.ApiHost.Contracts;

/// <summary>How long, in seconds, the secret being replaced keeps signing deliveries beside the new one (default: a day).</summary>
public sealed record RotateWebhookSecretRequest(int? OverlapSeconds);
