using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Leads;

/// <summary>A lead grain's key, <c>{tenant}/{campaign}/{lead}</c>: the tenant first, like every tenant-owned grain.</summary>
public static class LeadKey
{
    public static string Format(TenantId tenant, CampaignId campaign, LeadId lead) => $"{tenant.Value}/{campaign.Value}/{lead.Value}";

    public static (TenantId Tenant, CampaignId Campaign, LeadId Lead) Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3 || !TenantId.TryParse(parts[0], out var tenant) || !PrefixedId.TryParse<CampaignId>(parts[1], out var campaign)
            || !PrefixedId.TryParse<LeadId>(parts[2], out var lead))
            throw new FormatException($"'{key}' is not a {{tenant}}/{{campaign}}/{{lead}} key.");
        return (tenant, campaign, lead);
    }
}
