namespace VoicePlatform.Calls;

/// <summary>One line of a call's supervision audit: who did what, when, as which LiveKit participant.</summary>
[GenerateSerializer, Immutable, Alias("vp.SupervisionEntry")]
public sealed record SupervisionEntry
{
    [Id(0)] public required DateTimeOffset At { get; init; }
    [Id(1)] public required SupervisionAction Action { get; init; }
    /// <summary>The API key (its id) that asked, or the role when the credential has no key id.</summary>
    [Id(2)] public required string Actor { get; init; }
    /// <summary>The supervisor's participant identity in the call's room.</summary>
    [Id(3)] public required string Participant { get; init; }
    /// <summary>What was said or what happened: a whisper's text and whether the agent acknowledged it.</summary>
    [Id(4)] public string? Detail { get; init; }
}
