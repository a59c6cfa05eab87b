using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Personas;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A persona as a client sends it (PUT replaces the whole profile; brandId must stay the same).</summary>
public sealed record PersonaRequest(
    string? BrandId,
    string? Name,
    string? Role,
    string? Instructions,
    IReadOnlyList<string>? PersonalityTraits,
    string? Tone,
    string? LanguageStyle,
    PersonaVoice? Voice,
    IReadOnlyList<string>? Capabilities,
    IReadOnlyList<PersonaTool>? Tools)
{
    public Dictionary<string, string[]> Validate(out BrandId brand, out PersonaProfile profile)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PrefixedId.TryParse(BrandId, out brand)) errors["brandId"] = ["The id of one of your brands (brd_…) is required."];
        profile = new PersonaProfile
        {
            Name = Name?.Trim() ?? "",
            Role = Role?.Trim() ?? "",
            Instructions = Instructions ?? "",
            PersonalityTraits = PersonalityTraits ?? [],
            Tone = Tone,
            LanguageStyle = LanguageStyle,
            Voice = Voice!,
            Capabilities = Capabilities ?? [],
            Tools = Tools ?? [],
        };
        PersonaRules.Validate(profile, "", errors);
        return errors;
    }
}
