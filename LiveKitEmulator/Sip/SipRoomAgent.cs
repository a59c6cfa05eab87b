namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>A <c>RoomAgentDispatch</c> of a rule's room configuration: launched when the call creates the room.</summary>
public sealed record SipRoomAgent(string AgentName, string Metadata);
