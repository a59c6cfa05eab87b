namespace VoicePlatform.Webhooks;

[GenerateSerializer, Alias("vp.WebhookEndpointStatus")]
public enum WebhookEndpointStatus
{
    /// <summary>Receives its events.</summary>
    Enabled = 0,
    /// <summary>Receives nothing: switched off by the tenant, or by the platform after failing too long. Its undelivered events wait.</summary>
    Disabled = 1,
}
