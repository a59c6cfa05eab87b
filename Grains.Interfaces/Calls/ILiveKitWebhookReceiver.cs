namespace VoicePlatform.Calls;

/// <summary>
/// Takes one LiveKit webhook as it arrived — the exact body bytes and the <c>Authorization</c> header LiveKit signed
/// it with — verifies it, and hands an event about a call's room to that call. The HTTP endpoint only reads the body
/// and turns the receipt into a status code.
/// </summary>
public interface ILiveKitWebhookReceiver
{
    Task<LiveKitWebhookReceipt> ReceiveAsync(ReadOnlyMemory<byte> body, string? authorization);
}
