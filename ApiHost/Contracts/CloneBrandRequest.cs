using VoicePlatform.Brands;
using VoicePlatform.Common;

namespace VoicePlatform.ApiHost.Contracts;

public sealed record CloneBrandRequest(string? CompanyName)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (CompanyName is not null) Validation.Required(errors, "companyName", CompanyName, BrandProfile.MaxNameLength);
        return errors;
    }
}
