using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns.Calling;

/// <summary>
/// What a campaign says about when and whom it may call, as the pure rules need it: its windows, its default zone for
/// numbers that cannot be placed, whether US numbers need recorded consent (the default: AI voices count as
/// artificial voices under the TCPA), the tenant's own stricter rules, and when the campaign starts.
/// </summary>
public sealed record CallingPolicy
{
    public required IReadOnlyList<CallWindow> Windows { get; init; }
    public string? DefaultTimeZone { get; init; }
    public bool RequireConsentForUsNumbers { get; init; } = true;
    public IReadOnlyList<CallingRule> TenantRules { get; init; } = [];
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>The calling part of a campaign's settings.</summary>
    public static CallingPolicy Of(CampaignSettings settings) => new()
    {
        Windows = settings.Windows,
        DefaultTimeZone = settings.DefaultTimeZone,
        RequireConsentForUsNumbers = settings.RequireConsentForUsNumbers,
        TenantRules = settings.CallingRules,
        StartsAt = settings.StartsAt,
    };
}
