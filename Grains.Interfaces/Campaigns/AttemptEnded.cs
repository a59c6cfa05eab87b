using VoicePlatform.Calls;
using VoicePlatform.Leads;

namespace VoicePlatform.Campaigns;

/// <summary>A lead tells its campaign that its attempt is over (its slot is free) and what it came to.</summary>
[GenerateSerializer, Immutable, Alias("vp.AttemptEnded")]
public sealed record AttemptEnded
{
    [Id(0)] public required LeadId LeadId { get; init; }
    [Id(1)] public required CallId CallId { get; init; }
    [Id(2)] public required LeadStatus LeadStatus { get; init; }
    /// <summary>The retry policy's name for it; null when the attempt never reached the phone network.</summary>
    [Id(3)] public string? Outcome { get; init; }
    /// <summary>The wallet could not pay for the call, so it was not dialed: the campaign pauses for funds.</summary>
    [Id(4)] public bool InsufficientFunds { get; init; }
    [Id(5)] public bool Answered { get; init; }
    [Id(6)] public bool Abandoned { get; init; }
    /// <summary>A late outcome changed an attempt already reported (its slot was freed then).</summary>
    [Id(7)] public bool Amended { get; init; }
}
