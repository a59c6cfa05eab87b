using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Personas;

namespace VoicePlatform.ApiHost.Contracts;

public sealed record PersonaFromTemplateRequest(string? TemplateId, string? BrandId, string? Name)
{
    public Dictionary<string, string[]> Validate(out BrandId brand)
    {
        var errors = new Dictionary<string, string[]>();
        Validation.Required(errors, "templateId", TemplateId, 64);
        if (!PrefixedId.TryParse(BrandId, out brand)) errors["brandId"] = ["The id of one of your brands (brd_…) is required."];
        if (Name is not null) Validation.Required(errors, "name", Name, PersonaProfile.MaxNameLength);
        return errors;
    }
}
