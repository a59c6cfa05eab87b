using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>A delivery whose next attempt has come, with the event it carries and how many attempts it has had.</summary>
public sealed record DueDelivery(long DeliveryId, TenantEvent Event, int Attempts);
