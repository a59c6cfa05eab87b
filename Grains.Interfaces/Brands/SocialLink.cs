namespace VoicePlatform.Brands;

[GenerateSerializer, Immutable, Alias("vp.SocialLink")]
public sealed record SocialLink
{
    /// <summary>The network's name as people say it: LinkedIn, Instagram, X…</summary>
    [Id(0)] public required string Network { get; init; }
    [Id(1)] public required string Url { get; init; }
}
