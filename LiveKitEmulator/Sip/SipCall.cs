using VoicePlatform.LiveKitEmulator.Rooms;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>A simulated call in progress: its participant and a task that completes on answer or faults with the SIP error.</summary>
public sealed record SipCall(string SipCallId, Participant Participant, Task Answered);
