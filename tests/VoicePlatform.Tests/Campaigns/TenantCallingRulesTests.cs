using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>
/// The tenant's own calling rules, set once in its settings, bind every campaign of the tenant: a rule added while a
/// campaign dials stops its next dial (checked again at dial time, not only when the lead was queued), leads imported
/// afterwards are queued by it, and a bad rule is refused naming its field with nothing changed.
/// </summary>
[Collection(CampaignDialingCollection.Name)]
public sealed class TenantCallingRulesTests(CampaignDialingFixture host)
{
    private static readonly DateTimeZone Phoenix = DateTimeZoneProviders.Tzdb["America/Phoenix"];

    [Fact]
    public async Task AHolidayAddedToTheTenantsRulesMidCampaignStopsEveryFurtherDialUntilItsOver()
    {
        var clock = host.App.Services.GetRequiredService<CallingClock>();
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        // Its own windows are wide (07:00–22:00 every day); the tenant's rule, not the campaign's, must stop it.
        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 1);
        var phones = Enumerable.Range(0, 6).Select(i => $"+1602{6 + i}01{CampaignDialingFixture.LongCall}").ToList();
        await tenant.ImportAsync(campaign, phones);
        await tenant.CommandAsync(campaign, "start");
        await tenant.WaitForCampaignAsync(campaign, c => c.LiveCalls() == 1);

        // Today, in Phoenix where every lead is, becomes a day without calls.
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Phoenix).Date;
        var holiday = today.ToString("yyyy-MM-dd", null);
        var dialedBefore = phones.Where(p => host.DialsByNumber().ContainsKey(p)).ToHashSet();
        var patched = await tenant.Admin.PatchAsJsonAsync("api/tenant/settings", new
        {
            callingRules = new[] { new { id = "office-closed", appliesTo = "US", holidays = new[] { holiday }, source = "Our own policy: the office is closed" } },
        });
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());
        var rule = Assert.Single((await patched.ReadJsonAsync()).GetProperty("settings").GetProperty("callingRules").EnumerateArray());
        Assert.Equal(holiday, Assert.Single(rule.GetProperty("holidays").EnumerateArray()).GetString());

        // The call live when the rule came finishes; every other lead is queued for tomorrow's first lawful minute
        // (08:00 in Phoenix, the federal start) with the attempt its claim took given back.
        var tomorrowAtEight = today.PlusDays(1).At(new LocalTime(8, 0)).InZoneStrictly(Phoenix).ToDateTimeOffset();
        IReadOnlyList<JsonElement> leads = [];
        await CallTestSupport.WaitUntilAsync(async () =>
        {
            leads = await tenant.LeadsAsync(campaign);
            return leads.All(l => l.GetProperty("status").GetString() is "completed" or "scheduled" or "retry-scheduled"
                && (l.GetProperty("status").GetString() == "completed" || l.GetProperty("nextCallableAt").GetDateTimeOffset() == tomorrowAtEight));
        }, () => string.Join("\n", leads));
        var dialedAfter = phones.Where(p => host.DialsByNumber().ContainsKey(p) && !dialedBefore.Contains(p)).ToList();
        // Only the campaign's one slot, busy with the live call, could have held a dial ordered before the rule arrived.
        Assert.True(dialedAfter.Count <= 1, string.Join(", ", dialedAfter));
        foreach (var lead in leads.Where(l => !host.DialsByNumber().ContainsKey(l.GetProperty("phone").GetString()!)))
        {
            Assert.Equal(0, lead.GetProperty("attempts").GetInt32());
            Assert.Contains("calling rules", lead.GetProperty("statusReason").GetString());
        }
        Assert.Equal(0, (await tenant.GetCampaignAsync(campaign)).LiveCalls());

        // A campaign created and filled after the rule queues its leads by it from the start.
        var later = await tenant.CreateCampaignAsync();
        await tenant.ImportAsync(later, [$"+16029990{CampaignDialingFixture.Answers[1..]}"]);
        var queued = Assert.Single(await tenant.LeadsAsync(later));
        Assert.Equal("scheduled", queued.GetProperty("status").GetString());
        Assert.Equal(tomorrowAtEight, queued.GetProperty("nextCallableAt").GetDateTimeOffset());

        await tenant.CommandAsync(campaign, "cancel");
        var cleared = await tenant.Admin.PatchAsJsonAsync("api/tenant/settings", new { callingRules = Array.Empty<object>() });
        Assert.Empty((await cleared.ReadJsonAsync()).GetProperty("settings").GetProperty("callingRules").EnumerateArray());
    }

    [Fact]
    public async Task ABadTenantRuleIsRefusedNamingItsFieldAndChangesNothing()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var good = await tenant.Admin.PatchAsJsonAsync("api/tenant/settings", new
        {
            callingRules = new[] { new { id = "no-sundays", appliesTo = "*", noCallDays = new[] { "sunday" }, source = "Agency policy" } },
        });
        Assert.True(good.IsSuccessStatusCode, await good.Content.ReadAsStringAsync());

        var bad = await tenant.Admin.PatchAsJsonAsync("api/tenant/settings", new
        {
            lowBalanceThreshold = 5,
            callingRules = new object[]
            {
                new { id = "evenings", appliesTo = "everywhere", fromMinute = 18 * 60, toMinute = 9 * 60, source = "Agency policy" },
            },
        });
        var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("callingRules[0].appliesTo", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("callingRules[0].toMinute", out _), errors.ToString());

        var settings = (await (await tenant.Admin.GetAsync("api/tenant")).ReadJsonAsync()).GetProperty("settings");
        Assert.Equal("no-sundays", Assert.Single(settings.GetProperty("callingRules").EnumerateArray()).GetProperty("id").GetString());
        Assert.NotEqual(5m, settings.GetProperty("lowBalanceThreshold").GetDecimal());

        // A supervisor reads the rules but cannot change them.
        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "floor", "supervisor"));
        var refused = await supervisor.PatchAsJsonAsync("api/tenant/settings", new { callingRules = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
