namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// The platform's answer to an inbound job's claim: <see cref="Mode"/> <c>converse</c> (this call's instructions and
/// credential in <see cref="Call"/>), <c>message</c> (say <see cref="Message"/>, then end) or <c>refuse</c> (leave: the
/// platform turns the caller away without answering).
/// </summary>
public sealed record InboundClaim(string Mode, AgentDispatchMetadata? Call, string Message);
