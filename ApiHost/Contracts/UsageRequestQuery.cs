using VoicePlatform.Common;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Calls;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>The query string of <c>GET /api/usage</c>: groupBy (day, agent, campaign, brand) and the placed-time window.</summary>
public sealed record UsageRequestQuery(string? GroupBy, string? From, string? To)
{
    public Dictionary<string, string[]> Validate(out UsageQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        var groupBy = QueryFilters.Enum<UsageGroupBy>(GroupBy, "groupBy", errors);
        if (GroupBy is null) errors["groupBy"] = [$"Required: one of {string.Join(", ", KebabEnum<UsageGroupBy>.Names)}."];
        var from = QueryFilters.Time(From, "from", errors);
        var to = QueryFilters.Time(To, "to", errors);
        if (from is not null && to is not null && to <= from) errors["to"] = ["Must be after 'from'."];
        query = new UsageQuery { GroupBy = groupBy ?? UsageGroupBy.Day, From = from, To = to };
        return errors;
    }
}
