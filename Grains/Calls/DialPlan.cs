using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Grains.Calls;

/// <summary>Everything the background dial needs, built on the grain's turn.</summary>
public sealed record DialPlan(string RoomName, string RoomMetadata, string AgentName, string DispatchMetadata, LiveKitCreateSipParticipantRequest Sip);
