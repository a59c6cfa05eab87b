namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// Barge in or take over: optionally the participant identity of this supervisor's listener already in the room, which
/// is then made visible and allowed to speak in place (no rejoin needed); without it, a new seat.
/// </summary>
public sealed record SupervisorSeatRequest(string? ParticipantIdentity)
{
    public Dictionary<string, string[]> Validate()
    {
        if (ParticipantIdentity is { } identity && (identity.Length is 0 or > 200 || !identity.StartsWith("supervisor-", StringComparison.Ordinal)))
            return new() { ["participantIdentity"] = ["The identity a listen session returned (supervisor-…), or leave it out for a new seat."] };
        return [];
    }
}
