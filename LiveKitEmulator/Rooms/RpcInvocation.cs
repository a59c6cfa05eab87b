namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary>
/// What a participant's RPC handler receives, as the LiveKit SDKs give it (<c>RpcInvocationData</c>). For a call from
/// the server API the caller is not a participant: LiveKit fills the sender with the request id.
/// </summary>
public sealed record RpcInvocation(string RequestId, string CallerIdentity, string Payload, TimeSpan ResponseTimeout);
