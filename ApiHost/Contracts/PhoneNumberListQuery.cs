using VoicePlatform.ApiHost.Http;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>The query string of <c>GET /api/phone-numbers</c>: filters and paging.</summary>
public sealed record PhoneNumberListQuery(string? BrandId, string? AgentId, string? Status, string? After, int? Limit)
{
    public Dictionary<string, string[]> Validate(out PhoneNumberFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        QueryFilters.Limit(Limit, errors);
        filter = new PhoneNumberFilter
        {
            BrandId = QueryFilters.Id<BrandId>(BrandId, "brandId", errors),
            AgentId = QueryFilters.Id<AgentId>(AgentId, "agentId", errors),
            Status = QueryFilters.Enum<PhoneNumberStatus>(Status, "status", errors),
        };
        return errors;
    }
}
