namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary>An RPC handler's own error, sent back to the caller as LiveKit's RPC error 1500 (application error).</summary>
public sealed class RpcHandlerException(string message) : Exception(message);
