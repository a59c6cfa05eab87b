namespace VoicePlatform.Calls;

/// <summary>
/// Takes one LiveKit webhook as it arrived — the exact body bytes and the <c>Authorization</c> header LiveKit signed
/// it with — verifies it, and hands an event about a call's room to that call. The HTTP endpoint only reads the body
/// and turns the receipt into a status code.
/// </summary>
public interface ILiveKitWebhookReceiver
{
    /// <summary>
    /// Where LiveKit posts its webhooks. Its <c>Authorization</c> header is LiveKit's signature (a JWT, no scheme), not
    /// a platform credential: authentication leaves it alone, so LiveKit's deliveries never count as failed sign-ins.
    /// </summary>
    const string Path = "/api/livekit/webhook";

    Task<LiveKitWebhookReceipt> ReceiveAsync(ReadOnlyMemory<byte> body, string? authorization);
}
