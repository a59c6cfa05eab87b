using VoicePlatform.LiveKitEmulator.Rooms;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>The room's SIP callee reached <c>sip.callStatus=active</c>; <see cref="Machine"/> when the simulated outcome was voicemail.</summary>
public sealed record CalleeAnswer(Participant Callee, bool Machine);
