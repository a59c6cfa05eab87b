namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>
/// The two protojson shapes LiveKit writes: Twirp responses use proto (snake_case) names and emit
/// zero values; webhooks use JSON (camelCase) names and omit zero values.
/// </summary>
public enum ProtoStyle
{
    TwirpResponse,
    Webhook,
}
