using VoicePlatform.Common;

namespace VoicePlatform.Brands;

/// <summary>What a valid brand profile is. The API reports these per field; the grain enforces them again.</summary>
public static class BrandRules
{
    public static void Validate(BrandProfile profile, string prefix, IDictionary<string, string[]> errors)
    {
        Validation.Required(errors, prefix + "companyName", profile.CompanyName, BrandProfile.MaxNameLength);
        Validation.Text(errors, prefix + "industry", profile.Industry, BrandProfile.MaxNameLength);
        Validation.HttpUrl(errors, prefix + "website", profile.Website);
        Validation.HttpUrl(errors, prefix + "logoUrl", profile.LogoUrl);
        if (profile.SocialLinks.Count > 20) errors[prefix + "socialLinks"] = ["At most 20 links."];
        for (var i = 0; i < profile.SocialLinks.Count && i < 20; i++)
        {
            if (profile.SocialLinks[i] is not { } link) { errors[$"{prefix}socialLinks[{i}]"] = ["A list element must not be null."]; continue; }
            Validation.Required(errors, $"{prefix}socialLinks[{i}].network", link.Network, 50);
            Validation.HttpUrl(errors, $"{prefix}socialLinks[{i}].url", link.Url);
        }
        Validation.Text(errors, prefix + "voiceAndTone", profile.VoiceAndTone, BrandProfile.MaxTextLength, multiline: true);
        Validation.Items(errors, prefix + "dos", profile.Dos, BrandProfile.MaxListItems, BrandProfile.MaxItemLength);
        Validation.Items(errors, prefix + "donts", profile.Donts, BrandProfile.MaxListItems, BrandProfile.MaxItemLength);
        Validation.Language(errors, prefix + "defaultLanguage", profile.DefaultLanguage);
        Validation.TimeZone(errors, prefix + "defaultTimeZone", profile.DefaultTimeZone);
        Validation.Text(errors, prefix + "description", profile.Description, BrandProfile.MaxTextLength, multiline: true);
    }

    public static void EnsureValid(BrandProfile profile)
    {
        var errors = new Dictionary<string, string[]>();
        Validate(profile, "", errors);
        Validation.ThrowIfAny(errors);
    }
}
