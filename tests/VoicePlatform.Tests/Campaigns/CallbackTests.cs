using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>
/// Callbacks end to end: the agent worker reports that the callee asked to be called back at a time; the lead waits
/// for exactly that time when it is lawful, or for its next lawful moment when it is not, and is dialed then.
/// </summary>
[Collection(CampaignOutcomeCollection.Name)]
public sealed class CallbackTests(CampaignOutcomeFixture host)
{
    [Fact]
    public async Task ACallbackIsDialedAtTheRequestedTimeOrItsNextLawfulMoment()
    {
        var clock = host.App.Services.GetRequiredService<CallingClock>();
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        // Six minutes of calling clock (12 s here) leave the first call, about 90 s of it, time to end first.
        // Two attempts at most: the second call of the punctual lead asks for the same (now past) time and ends its tries.
        var campaign = await tenant.CreateCampaignAsync(retry: CampaignTestSupport.Retry(maxPerLead: 2));
        var soon = new DateTimeOffset(clock.GetUtcNow().AddMinutes(6).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        // 22:00 in New York on the test's Wednesday: after its 21:00 legal end, so 08:00 on Thursday it is.
        var late = new DateTimeOffset(2026, 12, 10, 3, 0, 0, TimeSpan.Zero);
        var (punctual, moved) = ($"+12122010{CampaignDialingFixture.LongCall[1..]}", $"+12122020{CampaignDialingFixture.LongCall[1..]}");
        var csv = "phone,consent_at,emulator_disposition,emulator_callback_at\n"
                  + $"{punctual},2026-11-01T10:00:00Z,callback-requested,{soon:O}\n"
                  + $"{moved},2026-11-01T10:00:00Z,callback-requested,{late:O}\n";
        var imported = await tenant.Admin.PostAsJsonAsync($"api/campaigns/{campaign}/leads", new { csv });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        await tenant.CommandAsync(campaign, "start");

        JsonElement Lead(IReadOnlyList<JsonElement> leads, string phone) => leads.Single(l => l.GetProperty("phone").GetString() == phone);
        IReadOnlyList<JsonElement> leads = [];
        await CallTestSupport.WaitUntilAsync(async () =>
        {
            leads = await tenant.LeadsAsync(campaign);
            return Lead(leads, punctual).GetProperty("status").GetString() == "exhausted" && Lead(leads, moved).GetProperty("status").GetString() == "retry-scheduled";
        }, () => string.Join("\n", leads), CampaignTestSupport.Patience);

        var attempts = Lead(leads, punctual).GetProperty("attemptLog").EnumerateArray().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal("callback-requested", attempts[0].GetProperty("outcome").GetString());
        // On time: its timer is armed for it, not left to the next reminder (a minute of host time, 30 of this clock).
        Assert.InRange(attempts[1].GetProperty("dialedAt").GetDateTimeOffset() - soon, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        var waiting = Lead(leads, moved);
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 13, 0, 0, TimeSpan.Zero), waiting.GetProperty("nextCallableAt").GetDateTimeOffset());
        Assert.Equal("callback-requested", Assert.Single(waiting.GetProperty("attemptLog").EnumerateArray()).GetProperty("outcome").GetString());
        await tenant.CommandAsync(campaign, "cancel");
    }
}
