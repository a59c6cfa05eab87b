using System.Text.Json;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>The query string of <c>GET /api/phone-numbers</c>: filters and paging.</summary>
public sealed record PhoneNumberListQuery(string? BrandId, string? AgentId, string? Status, string? After, int? Limit)
{
    public const int MaxLimit = 200;
    public const int DefaultLimit = 50;

    public Dictionary<string, string[]> Validate(out PhoneNumberFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        PhoneNumberStatus? status = null;
        if (Status is not null)
        {
            var names = Enum.GetValues<PhoneNumberStatus>().ToDictionary(s => JsonNamingPolicy.KebabCaseLower.ConvertName(s.ToString()));
            if (names.TryGetValue(Status, out var parsed)) status = parsed;
            else errors["status"] = [$"One of {string.Join(", ", names.Keys)}."];
        }
        if (Limit is < 1 or > MaxLimit) errors["limit"] = [$"Between 1 and {MaxLimit}."];
        filter = new PhoneNumberFilter
        {
            BrandId = PhoneNumberRequest.Reference<BrandId>(errors, "brandId", BrandId),
            AgentId = PhoneNumberRequest.Reference<AgentId>(errors, "agentId", AgentId),
            Status = status,
        };
        return errors;
    }
}
