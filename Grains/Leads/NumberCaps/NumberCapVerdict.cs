namespace VoicePlatform.Grains.Leads.NumberCaps;

/// <summary>Null <see cref="AllowedAt"/>: dial now. Otherwise the earliest lawful moment, and the dials it was judged by.</summary>
[GenerateSerializer, Immutable, Alias("vp.NumberCapVerdict")]
public sealed record NumberCapVerdict(
    [property: Id(0)] DateTimeOffset? AllowedAt,
    [property: Id(1)] IReadOnlyList<DateTimeOffset> Dials);
