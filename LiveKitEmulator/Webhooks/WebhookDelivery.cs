namespace VoicePlatform.LiveKitEmulator.Webhooks;

/// <summary>One serialized webhook event waiting to be sent; the body is hashed exactly as sent.</summary>
public sealed record WebhookDelivery(string Id, string Event, byte[] Body);
