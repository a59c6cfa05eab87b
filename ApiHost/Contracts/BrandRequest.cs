using VoicePlatform.Brands;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A brand as a client sends it on create and on update (PUT replaces the whole profile).</summary>
public sealed record BrandRequest(
    string? CompanyName,
    string? Industry,
    string? Website,
    string? LogoUrl,
    IReadOnlyList<SocialLink>? SocialLinks,
    string? VoiceAndTone,
    IReadOnlyList<string>? Dos,
    IReadOnlyList<string>? Donts,
    string? DefaultLanguage,
    string? DefaultTimeZone,
    string? Description)
{
    public Dictionary<string, string[]> Validate(out BrandProfile profile)
    {
        profile = new BrandProfile
        {
            CompanyName = CompanyName?.Trim() ?? "",
            Industry = Industry?.Trim(),
            Website = Website?.Trim(),
            LogoUrl = LogoUrl?.Trim(),
            SocialLinks = SocialLinks ?? [],
            VoiceAndTone = VoiceAndTone,
            Dos = Dos ?? [],
            Donts = Donts ?? [],
            DefaultLanguage = DefaultLanguage ?? "en-US",
            DefaultTimeZone = DefaultTimeZone ?? "UTC",
            Description = Description,
        };
        var errors = new Dictionary<string, string[]>();
        BrandRules.Validate(profile, "", errors);
        return errors;
    }
}
