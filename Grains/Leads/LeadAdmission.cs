using NodaTime;
using VoicePlatform.Campaigns;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Leads;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Leads;

/// <summary>
/// Where an imported lead enters its campaign: not at all when its number is on the tenant's do-not-call list or it
/// lacks the consent the campaign requires; never when no zone can be found for it or no lawful moment exists within
/// the horizon; otherwise in the dial queue at its next lawfully callable time. Every decision carries its reason.
/// </summary>
public static class LeadAdmission
{
    public static LeadRecord Admit(LeadInput input, TenantId tenant, CampaignId campaign, CallingPolicy policy, bool onDoNotCallList, DateTimeOffset now)
    {
        var lead = new LeadRecord
        {
            TenantId = tenant, CampaignId = campaign, LeadId = LeadRecord.IdFor(campaign, input.Phone), Phone = input.Phone,
            Name = input.Name, Email = input.Email, TimeZone = input.TimeZone, ConsentAt = input.ConsentAt, ConsentSource = input.ConsentSource,
            Variables = input.Variables, Status = LeadStatus.Pending, Revision = 1, ImportedAt = now, UpdatedAt = now,
        };
        if (onDoNotCallList) return lead with { Status = LeadStatus.DoNotCall, StatusReason = "The number is on the tenant's do-not-call list." };
        var number = input.Parsed;
        if (number is null && !PhoneNumberParser.TryParse(input.Phone, out number, out var why)) return lead with { Status = LeadStatus.Invalid, StatusReason = why };
        if (policy.RequireConsentForUsNumbers && number.RegionCode == "US" && input.ConsentAt is null)
            return lead with { Status = LeadStatus.NoConsent, StatusReason = "A US number needs recorded consent (consentAt) before an AI voice may call it." };
        return Schedule(lead, number, policy, now);
    }

    /// <summary>The rules that bind a call to <paramref name="number"/>: the shipped ones of its country and state, and the tenant's own that apply.</summary>
    public static IReadOnlyList<CallingRule> RulesFor(E164Number number, CallingPolicy policy)
    {
        var book = CallingRuleBook.Shipped;
        var jurisdiction = book.JurisdictionOf(number);
        return book.RulesFor(number)
            .Concat(policy.TenantRules.Where(r => r.AppliesTo == "*" || jurisdiction == r.AppliesTo || jurisdiction.StartsWith(r.AppliesTo + "-", StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>
    /// Whether <paramref name="now"/> is inside the lead's windows and every rule for its number, as the policy says now:
    /// checked again at dial time, since a rule the tenant adds or a window edited after the lead was queued binds it too.
    /// A lead with no zone to place it in is never lawful.
    /// </summary>
    public static bool IsLawfulNow(LeadRecord lead, E164Number number, CallingPolicy policy, DateTimeOffset now)
    {
        var (zones, problem) = LeadZones.Resolve(lead.TimeZone, number, policy.DefaultTimeZone);
        return problem is null && LawfulCallingTime.IsAllowed(Instant.FromDateTimeOffset(now), zones, new LocalCallingDays(policy.Windows, RulesFor(number, policy)));
    }

    /// <summary>The lead in the dial queue at its next lawful moment at or after <paramref name="notBefore"/>, or Invalid saying why it has none.</summary>
    public static LeadRecord Schedule(LeadRecord lead, E164Number number, CallingPolicy policy, DateTimeOffset notBefore,
        IReadOnlyList<DateTimeOffset>? earlierAttempts = null, LeadStatus status = LeadStatus.Scheduled)
    {
        var (zones, problem) = LeadZones.Resolve(lead.TimeZone, number, policy.DefaultTimeZone);
        if (problem is not null) return lead with { Status = LeadStatus.Invalid, NextCallableAt = null, StatusReason = problem };
        var jurisdiction = CallingRuleBook.Shipped.JurisdictionOf(number);
        var rules = RulesFor(number, policy);
        var from = policy.StartsAt is { } start && start > notBefore ? start : notBefore;
        var next = LawfulCallingTime.NextAllowed(Instant.FromDateTimeOffset(from), zones, new LocalCallingDays(policy.Windows, rules),
            earlierAttempts?.Select(Instant.FromDateTimeOffset).ToList(), AttemptCap.From(rules));
        return next is { } at
            ? lead with { Status = status, NextCallableAt = at.ToDateTimeOffset(), StatusReason = null }
            : lead with
            {
                Status = LeadStatus.Invalid, NextCallableAt = null,
                StatusReason = $"No moment in the next {LawfulCallingTime.HorizonDays} days is inside both the campaign's windows and the rules for {jurisdiction}.",
            };
    }
}
