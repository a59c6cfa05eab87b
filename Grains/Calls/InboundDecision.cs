using VoicePlatform.Agents;
using VoicePlatform.Calls;

namespace VoicePlatform.Grains.Calls;

/// <summary>How one inbound call is answered: by which agent and how, and why (for the call's history and end detail).</summary>
public sealed record InboundDecision(InboundClaimMode Mode, AgentId AgentId, string? Message, string Reason);
