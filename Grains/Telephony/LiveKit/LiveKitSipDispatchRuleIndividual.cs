namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary><c>SIPDispatchRuleIndividual</c>: each caller in a new room named after the prefix and the caller.</summary>
public sealed record LiveKitSipDispatchRuleIndividual
{
    public string RoomPrefix { get; init; } = "";
    public string? Pin { get; init; }
    /// <summary>False (the default) appends a random suffix, so two calls from one number never share a room.</summary>
    public bool NoRandomness { get; init; }
}
