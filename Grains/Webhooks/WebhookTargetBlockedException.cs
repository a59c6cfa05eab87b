namespace VoicePlatform.Grains.Webhooks;

/// <summary>The target's host resolved only to addresses a webhook may not reach.</summary>
public sealed class WebhookTargetBlockedException(string message) : Exception(message);
