using VoicePlatform.Campaigns;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A tenant's own calling rule as a client sends it (see <see cref="CallingRule"/>); checked by the campaign's rules.</summary>
public sealed record CallingRuleRequest(
    string? Id, string? AppliesTo, int? FromMinute, int? ToMinute, IReadOnlyList<DayOfWeek>? NoCallDays, IReadOnlyList<string>? Holidays,
    int? MaxAttempts, int? PerHours, string? Source)
{
    public CallingRule ToRule() => new()
    {
        Id = Id?.Trim() ?? "",
        AppliesTo = AppliesTo?.Trim() ?? "",
        FromMinute = FromMinute,
        ToMinute = ToMinute,
        NoCallDays = NoCallDays ?? [],
        Holidays = Holidays ?? [],
        MaxAttempts = MaxAttempts,
        PerHours = PerHours,
        Source = Source?.Trim() ?? "",
    };
}
