namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary><c>AgentDispatch</c>, the answer to CreateDispatch.</summary>
public sealed record LiveKitAgentDispatch
{
    /// <summary><c>AD_...</c></summary>
    public string Id { get; init; } = "";
    public string AgentName { get; init; } = "";
    public string Room { get; init; } = "";
    public string Metadata { get; init; } = "";
}
