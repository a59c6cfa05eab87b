using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Campaigns.Calling;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Leads;

/// <summary>How an imported lead enters its campaign, decided on a fixed instant with its reason.</summary>
public sealed class LeadAdmissionTests
{
    private static readonly TenantId Tenant = TenantId.New();
    private static readonly CampaignId Campaign = PrefixedId.New<CampaignId>();
    // Wednesday 2026-06-10 13:00 UTC: 09:00 in New York, 06:00 in Los Angeles.
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Consented = Now.AddDays(-30);

    private static readonly CallingPolicy Policy = new()
    {
        Windows = [new CallWindow { Days = Enum.GetValues<DayOfWeek>(), StartMinute = 9 * 60, EndMinute = 19 * 60 }],
    };

    private static LeadInput Input(string phone, DateTimeOffset? consentAt = null, string? zone = null) =>
        new() { Row = 2, Phone = phone, ConsentAt = consentAt, TimeZone = zone };

    [Fact]
    public void AConsentedLeadIsQueuedAtItsNextLawfulMoment()
    {
        var newYork = LeadAdmission.Admit(Input("+12125550100", Consented), Tenant, Campaign, Policy, false, Now);
        Assert.Equal((LeadStatus.Scheduled, Now), (newYork.Status, newYork.NextCallableAt));
        var losAngeles = LeadAdmission.Admit(Input("+14155550100", Consented), Tenant, Campaign, Policy, false, Now);
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 16, 0, 0, TimeSpan.Zero), losAngeles.NextCallableAt); // 09:00 Pacific
        Assert.Equal(LeadRecord.IdFor(Campaign, "+14155550100"), losAngeles.LeadId);
    }

    [Fact]
    public void DoNotCallAndMissingConsentKeepALeadOutWithTheirReasons()
    {
        var listed = LeadAdmission.Admit(Input("+12125550100", Consented), Tenant, Campaign, Policy, onDoNotCallList: true, Now);
        Assert.Equal(LeadStatus.DoNotCall, listed.Status);
        Assert.Null(listed.NextCallableAt);

        var noConsent = LeadAdmission.Admit(Input("+12125550100"), Tenant, Campaign, Policy, false, Now);
        Assert.Equal(LeadStatus.NoConsent, noConsent.Status);
        Assert.Contains("consent", noConsent.StatusReason);
        // A campaign that turned the requirement off, and a number outside the US, are queued without it.
        Assert.Equal(LeadStatus.Scheduled, LeadAdmission.Admit(Input("+12125550100"), Tenant, Campaign, Policy with { RequireConsentForUsNumbers = false }, false, Now).Status);
        Assert.Equal(LeadStatus.Scheduled, LeadAdmission.Admit(Input("+442071838750"), Tenant, Campaign, Policy, false, Now).Status);
    }

    [Fact]
    public void StateRulesTenantRulesAndTheStartMoveTheFirstAttempt()
    {
        // Sunday 2026-06-14 in Alabama: no calls; Monday 09:00 Central (the campaign's window) is the first.
        var sunday = new DateTimeOffset(2026, 6, 14, 16, 0, 0, TimeSpan.Zero);
        var alabama = LeadAdmission.Admit(Input("+12055550100", Consented), Tenant, Campaign, Policy, false, sunday);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 14, 0, 0, TimeSpan.Zero), alabama.NextCallableAt);

        var noWednesdays = new CallingRule { Id = "tenant-quiet-wednesday", AppliesTo = "*", NoCallDays = [DayOfWeek.Wednesday], Source = "tenant policy" };
        var quiet = LeadAdmission.Admit(Input("+12125550100", Consented), Tenant, Campaign, Policy with { TenantRules = [noWednesdays] }, false, Now);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 13, 0, 0, TimeSpan.Zero), quiet.NextCallableAt);

        var later = LeadAdmission.Admit(Input("+12125550100", Consented), Tenant, Campaign, Policy with { StartsAt = Now.AddDays(2) }, false, Now);
        Assert.Equal(Now.AddDays(2), later.NextCallableAt);
    }

    [Fact]
    public void ALeadThatCanNeverBeCalledIsInvalidSayingWhy()
    {
        var badZone = LeadAdmission.Admit(Input("+12125550100", Consented, zone: "Mars/Olympus"), Tenant, Campaign, Policy, false, Now);
        Assert.Equal(LeadStatus.Invalid, badZone.Status);
        var sundaysOnly = Policy with { Windows = [new CallWindow { Days = [DayOfWeek.Sunday], StartMinute = 600, EndMinute = 700 }] };
        var mississippi = LeadAdmission.Admit(Input("+16015550100", Consented), Tenant, Campaign, sundaysOnly, false, Now);
        Assert.Equal(LeadStatus.Invalid, mississippi.Status);
        Assert.Contains("US-MS", mississippi.StatusReason);
    }
}
