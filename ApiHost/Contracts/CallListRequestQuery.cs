using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Calls;
using VoicePlatform.Campaigns;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// The query string of <c>GET /api/calls</c>: status, agent, campaign, direction (outbound, inbound), and the placed-time window <c>from</c>
/// (inclusive) to <c>to</c> (exclusive) as ISO 8601 times with an offset; newest first, a page at a time.
/// </summary>
public sealed record CallListRequestQuery(string? Status, string? AgentId, string? CampaignId, string? From, string? To, string? After, int? Limit,
    string? Direction = null)
{
    public Dictionary<string, string[]> Validate(out CallListQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = QueryFilters.Limit(Limit, errors);
        var from = QueryFilters.Time(From, "from", errors);
        var to = QueryFilters.Time(To, "to", errors);
        if (from is not null && to is not null && to <= from) errors["to"] = ["Must be after 'from'."];
        if (After is not null && !CallListCursor.TryParse(After, out _, out _)) errors["after"] = ["Not a cursor from a previous page's 'next'."];
        query = new CallListQuery
        {
            Status = QueryFilters.Enum<CallStatus>(Status, "status", errors),
            AgentId = QueryFilters.Id<AgentId>(AgentId, "agentId", errors),
            CampaignId = QueryFilters.Id<CampaignId>(CampaignId, "campaignId", errors),
            Direction = QueryFilters.Enum<CallDirection>(Direction, "direction", errors),
            From = from,
            To = to,
            After = After,
            Limit = limit,
        };
        return errors;
    }
}
