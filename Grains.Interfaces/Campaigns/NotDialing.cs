namespace VoicePlatform.Campaigns;

/// <summary>Why the campaign is not dialing right now, and when it expects to dial next (null when it cannot tell: a live call must end, a person must act).</summary>
[GenerateSerializer, Immutable, Alias("vp.NotDialing")]
public sealed record NotDialing(
    [property: Id(0)] NotDialingReason Reason,
    [property: Id(1)] DateTimeOffset? NextDialAt,
    [property: Id(2)] string Detail);
