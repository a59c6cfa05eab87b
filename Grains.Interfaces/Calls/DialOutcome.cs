namespace VoicePlatform.Calls;

/// <summary>How CreateSIPParticipant (with wait_until_answered) ended.</summary>
[GenerateSerializer, Immutable, Alias("vp.DialOutcome")]
public sealed record DialOutcome
{
    [Id(0)] public required bool Answered { get; init; }
    /// <summary>The SIP final response of a failed dial, when LiveKit reported one.</summary>
    [Id(1)] public int? SipStatusCode { get; init; }
    /// <summary>What went wrong, for a failed dial.</summary>
    [Id(2)] public string? Detail { get; init; }
    /// <summary>The SIP participant's identity in the room.</summary>
    [Id(3)] public string? ParticipantIdentity { get; init; }
}
