using VoicePlatform.Agents;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Telephony;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>Campaign settings: each bad value named by its field; value equality for repeats.</summary>
public sealed class CampaignRulesTests
{
    private static readonly CampaignSettings Valid = new()
    {
        Name = "Spring renewals",
        AgentId = PrefixedId.New<AgentId>(),
        Windows = [new CallWindow { Days = [DayOfWeek.Monday, DayOfWeek.Tuesday], StartMinute = 9 * 60, EndMinute = 17 * 60 }],
        DefaultTimeZone = "America/Chicago",
    };

    private static Dictionary<string, string[]> Errors(CampaignSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        CampaignRules.Validate(settings, "", errors);
        return errors;
    }

    [Fact]
    public void ValidSettingsPass() => Assert.Empty(Errors(Valid));

    public static TheoryData<string, CampaignSettings> Bad() => new()
    {
        { "name", Valid with { Name = " " } },
        { "windows", Valid with { Windows = [] } },
        { "windows[0].days", Valid with { Windows = [Valid.Windows[0] with { Days = [] }] } },
        { "windows[0].days", Valid with { Windows = [Valid.Windows[0] with { Days = [DayOfWeek.Monday, DayOfWeek.Monday] }] } },
        { "windows[0].endMinute", Valid with { Windows = [Valid.Windows[0] with { EndMinute = 9 * 60 }] } },
        { "windows[0].endMinute", Valid with { Windows = [Valid.Windows[0] with { EndMinute = 1441 }] } },
        { "windows[0].startMinute", Valid with { Windows = [Valid.Windows[0] with { StartMinute = -1 }] } },
        { "endsAt", Valid with { StartsAt = DateTimeOffset.UnixEpoch.AddDays(2), EndsAt = DateTimeOffset.UnixEpoch.AddDays(1) } },
        { "defaultTimeZone", Valid with { DefaultTimeZone = "Mars/Olympus" } },
        { "defaultRegion", Valid with { DefaultRegion = "usa" } },
        { "pacing.maxConcurrentCalls", Valid with { Pacing = new CampaignPacing { MaxConcurrentCalls = 0 } } },
        { "pacing.maxDialsPerMinute", Valid with { Pacing = new CampaignPacing { MaxDialsPerMinute = 5000 } } },
        { "retry.busy.delayMinutes", Valid with { Retry = RetryPolicy.Default with { Busy = new RetryRule { DelayMinutes = 0, MaxAttempts = 2 } } } },
        { "retry.maxAttemptsPerLead", Valid with { Retry = RetryPolicy.Default with { MaxAttemptsPerLead = 0 } } },
        { "abandonRateLimitPercent", Valid with { AbandonRateLimitPercent = 50 } },
        { "callerIdNumberIds", Valid with { CallerIdNumberIds = [PrefixedId.Derive<PhoneNumberId>("x"), PrefixedId.Derive<PhoneNumberId>("x")] } },
        { "callingRules[0].appliesTo", Valid with { CallingRules = [Rule() with { AppliesTo = "Florida" }] } },
        { "callingRules[0].toMinute", Valid with { CallingRules = [Rule() with { FromMinute = 600, ToMinute = 500 }] } },
        { "callingRules[0].holidays[1]", Valid with { CallingRules = [Rule() with { Holidays = ["2026-12-24", "24/12/2026"] }] } },
        { "callingRules[0].perHours", Valid with { CallingRules = [Rule() with { MaxAttempts = 2 }] } },
        { "callingRules[0].source", Valid with { CallingRules = [Rule() with { Source = "" }] } },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void ABadValueIsNamedByItsField(string field, CampaignSettings settings) =>
        Assert.Contains(field, Errors(settings).Keys);

    [Fact]
    public void ATenantRuleThatIsWellFormedPasses() =>
        Assert.Empty(Errors(Valid with { CallingRules = [Rule() with { FromMinute = 600, ToMinute = 1080, MaxAttempts = 2, PerHours = 24, Holidays = ["2026-12-24"] }] }));

    [Fact]
    public void SettingsCompareByValue()
    {
        var copy = Valid with
        {
            Windows = [new CallWindow { Days = [DayOfWeek.Tuesday, DayOfWeek.Monday], StartMinute = 9 * 60, EndMinute = 17 * 60 }],
            CallingRules = [],
        };
        Assert.True(Valid.SameAs(copy));
        Assert.False(Valid.SameAs(copy with { Pacing = new CampaignPacing { MaxConcurrentCalls = 6 } }));
        Assert.False(Valid.SameAs(copy with { CallingRules = [Rule()] }));
    }

    private static CallingRule Rule() => new() { Id = "tenant-1", AppliesTo = "*", Source = "tenant policy" };
}
