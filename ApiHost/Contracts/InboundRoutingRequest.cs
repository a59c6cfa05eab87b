using System.Globalization;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Agents;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// How a number answers calls: its agent, its opening hours in its zone (none: always open), holiday dates
/// (yyyy-MM-dd), the after-hours agent or closed message, and whether anonymous callers are answered (default yes).
/// </summary>
public sealed record InboundRoutingRequest(
    string? AgentId, string? TimeZone, IReadOnlyList<CallWindowRequest?>? Hours, IReadOnlyList<string?>? Holidays,
    string? AfterHoursAgentId, string? ClosedMessage, bool? AllowAnonymous)
{
    public InboundRouting ToRouting(string prefix, IDictionary<string, string[]> errors)
    {
        var agent = QueryFilters.Id<AgentId>(AgentId, prefix + "agentId", errors);
        if (AgentId is null) errors[prefix + "agentId"] = ["Required: the agent that answers the number's calls."];
        var hours = new List<VoicePlatform.Campaigns.CallWindow>();
        for (var i = 0; i < (Hours?.Count ?? 0); i++)
        {
            if (Hours![i] is { } range) hours.Add(range.ToWindow($"{prefix}hours[{i}].", errors));
            else errors[$"{prefix}hours[{i}]"] = ["A range: {days, from, to}."];
        }
        var holidays = new List<DateOnly>();
        for (var i = 0; i < (Holidays?.Count ?? 0); i++)
        {
            if (DateOnly.TryParseExact(Holidays![i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) holidays.Add(date);
            else errors[$"{prefix}holidays[{i}]"] = ["A local date, yyyy-MM-dd."];
        }
        return new InboundRouting
        {
            AgentId = agent ?? default,
            TimeZone = string.IsNullOrWhiteSpace(TimeZone) ? "UTC" : TimeZone.Trim(),
            Hours = hours,
            Holidays = holidays,
            AfterHoursAgentId = QueryFilters.Id<AgentId>(AfterHoursAgentId, prefix + "afterHoursAgentId", errors),
            ClosedMessage = string.IsNullOrWhiteSpace(ClosedMessage) ? null : ClosedMessage.Trim(),
            AllowAnonymous = AllowAnonymous ?? true,
        };
    }
}
