using VoicePlatform.Common;
namespace VoicePlatform.Brands;

/// <summary>Everything about a brand that its owner edits; written whole on create and update.</summary>
[GenerateSerializer, Immutable, Alias("vp.BrandProfile")]
public sealed record BrandProfile
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxListItems = 50;
    public const int MaxItemLength = 500;

    [Id(0)] public required string CompanyName { get; init; }
    [Id(1)] public string? Industry { get; init; }
    [Id(2)] public string? Website { get; init; }
    [Id(3)] public string? LogoUrl { get; init; }
    [Id(4)] public IReadOnlyList<SocialLink> SocialLinks { get; init; } = [];
    /// <summary>How the brand sounds: voice and tone guidelines for every agent speaking for it.</summary>
    [Id(5)] public string? VoiceAndTone { get; init; }
    [Id(6)] public IReadOnlyList<string> Dos { get; init; } = [];
    [Id(7)] public IReadOnlyList<string> Donts { get; init; } = [];
    /// <summary>BCP 47 tag, e.g. en-US.</summary>
    [Id(8)] public string DefaultLanguage { get; init; } = "en-US";
    /// <summary>IANA time zone.</summary>
    [Id(9)] public string DefaultTimeZone { get; init; } = "UTC";
    /// <summary>What the company does, in words an agent can use in conversation.</summary>
    [Id(10)] public string? Description { get; init; }

    /// <summary>The same profile, value by value: an idempotent repeat or a no-op update.</summary>
    public bool SameAs(BrandProfile other) =>
        this with { SocialLinks = other.SocialLinks, Dos = other.Dos, Donts = other.Donts } == other
        && ValueEquality.Lists(SocialLinks, other.SocialLinks) && ValueEquality.Lists(Dos, other.Dos) && ValueEquality.Lists(Donts, other.Donts);
}
