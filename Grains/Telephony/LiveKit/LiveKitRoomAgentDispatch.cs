namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>An agent to dispatch when a room is created (<c>RoomAgentDispatch</c>).</summary>
public sealed record LiveKitRoomAgentDispatch(string AgentName, string? Metadata = null);
