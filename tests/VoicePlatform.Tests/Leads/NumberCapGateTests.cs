using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Campaigns;
using VoicePlatform.Common;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Grains.Leads.NumberCaps;
using VoicePlatform.Leads;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Leads;

/// <summary>
/// Two campaigns' claims on one Florida number, both written before either is checked, with room for one more dial:
/// the gate lets exactly one through, whichever asks first — the other claim is counted until it is turned away.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class NumberCapGateTests(ApiHostFixture host)
{
    private static readonly NumberCapLimit[] Florida = [new(3, TimeSpan.FromHours(24))];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OfTwoClaimsWithRoomForOneExactlyOneDials(bool laterStampAsksFirst)
    {
        var store = host.App.Services.GetRequiredService<ILeadStore>();
        var grains = host.App.Services.GetRequiredService<IGrainFactory>();
        var tenant = TenantId.New();
        const string miami = "+13058010177";
        var now = new DateTimeOffset(2026, 12, 9, 17, 56, 45, TimeSpan.Zero);
        var (a, b) = (PrefixedId.New<CampaignId>(), PrefixedId.New<CampaignId>());
        foreach (var campaign in new[] { a, b })
        {
            // One earlier attempt each: two dials recorded, room for one more.
            var lead = new LeadRecord
            {
                TenantId = tenant, CampaignId = campaign, LeadId = LeadRecord.IdFor(campaign, miami), Phone = miami, Status = LeadStatus.RetryScheduled,
                NextCallableAt = now.AddMinutes(-1), Attempts = 1, Revision = 1, ImportedAt = now.AddHours(-1), UpdatedAt = now.AddHours(-1),
                AttemptLog = [new LeadAttempt { Number = 1, CallId = LeadRecord.CallIdFor(LeadRecord.IdFor(campaign, miami), 0), DialedAt = now.AddMinutes(-80) }],
            };
            await store.ImportAsync([lead]);
        }
        var claimA = Assert.Single(await store.ClaimDueAsync(tenant, a, now, 5));
        var claimB = Assert.Single(await store.ClaimDueAsync(tenant, b, now.AddMilliseconds(50), 5));

        var gate = grains.GetNumberCapGate(tenant, miami);
        var checks = laterStampAsksFirst ? new[] { claimB, claimA } : [claimA, claimB];
        var verdicts = new List<NumberCapVerdict>();
        foreach (var claim in checks) verdicts.Add(await gate.CheckAsync(new NumberCapCheck(claim.CampaignId, claim.LeadId, claim.LastDialedAt!.Value, Florida)));

        Assert.Single(verdicts, v => v.AllowedAt is null);
        var refused = Assert.Single(verdicts, v => v.AllowedAt is not null);
        Assert.Equal(now.AddMinutes(-80).AddHours(24), refused.AllowedAt);
    }
}
