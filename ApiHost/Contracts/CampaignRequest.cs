using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Campaigns;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A campaign's settings as a client sends them, to create or to replace (PUT); omitted options take their defaults.</summary>
public sealed record CampaignRequest(
    string? Name,
    string? AgentId,
    IReadOnlyList<string>? CallerIdNumberIds,
    string? TrunkId,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<CallWindowRequest>? Windows,
    string? DefaultTimeZone,
    string? DefaultRegion,
    CampaignPacing? Pacing,
    RetryPolicy? Retry,
    CallerIdRotation? CallerIdRotation,
    bool? RequireConsentForUsNumbers,
    bool? AutoResume,
    double? AbandonRateLimitPercent,
    IReadOnlyList<CallingRuleRequest>? CallingRules)
{
    public Dictionary<string, string[]> Validate(out CampaignSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        var agent = QueryFilters.Id<AgentId>(AgentId, "agentId", errors);
        if (AgentId is null) errors["agentId"] = ["Required: the agent that talks."];
        var numbers = (CallerIdNumberIds ?? []).Select((n, i) => QueryFilters.Id<PhoneNumberId>(n, $"callerIdNumberIds[{i}]", errors)).OfType<PhoneNumberId>().ToList();
        var windows = (Windows ?? []).Select((w, i) => w.ToWindow($"windows[{i}].", errors)).ToList();
        var defaults = new CampaignSettings { Name = "", AgentId = default, Windows = [] };
        settings = new CampaignSettings
        {
            Name = Name?.Trim() ?? "",
            AgentId = agent ?? default,
            CallerIdNumberIds = numbers,
            TrunkId = QueryFilters.Id<SipTrunkId>(TrunkId, "trunkId", errors),
            StartsAt = StartsAt,
            EndsAt = EndsAt,
            Windows = windows,
            DefaultTimeZone = string.IsNullOrWhiteSpace(DefaultTimeZone) ? null : DefaultTimeZone.Trim(),
            DefaultRegion = DefaultRegion?.Trim() ?? defaults.DefaultRegion,
            Pacing = Pacing ?? defaults.Pacing,
            Retry = Retry ?? defaults.Retry,
            CallerIdRotation = CallerIdRotation ?? defaults.CallerIdRotation,
            RequireConsentForUsNumbers = RequireConsentForUsNumbers ?? defaults.RequireConsentForUsNumbers,
            AutoResume = AutoResume ?? defaults.AutoResume,
            AbandonRateLimitPercent = AbandonRateLimitPercent ?? defaults.AbandonRateLimitPercent,
            CallingRules = (CallingRules ?? []).Select(r => r.ToRule()).ToList(),
        };
        var rules = new Dictionary<string, string[]>();
        CampaignRules.Validate(settings, "", rules);
        // The request's own errors (an id that does not parse, a time that is not HH:mm) say more than the rules' about the same field.
        foreach (var (field, reasons) in rules) errors.TryAdd(field, reasons);
        return errors;
    }
}
