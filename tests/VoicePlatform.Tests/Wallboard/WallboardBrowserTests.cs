using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.LiveKit;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.Wallboard;

/// <summary>
/// The live wallboard in a real headless Chromium against the all-in-one host: a supervisor signs in, the demo campaign
/// starts, and the page shows its calls appear, ring, talk and end; the selected call's transcript streams; a whisper
/// comes back as a coaching line; listening gets a token the official LiveKit Node SDK verifies as hidden and
/// subscribe-only; hang-up and pause/resume work from the page; and the page is usable on a phone-sized screen.
/// Screenshots at desktop and phone widths are kept in TestResults/wallboard.
/// </summary>
[Collection(WallboardCollection.Name)]
public sealed class WallboardBrowserTests(WallboardFixture host, ITestOutputHelper output)
{
    private static readonly LocatorWaitForOptions Patient = new() { Timeout = 60_000 };

    [Fact]
    public async Task ASupervisorWatchesTheDemoCampaignLiveAndCoachesACallFromThePage()
    {
        var supervisorKey = await host.IssueKeyAsync(DemoTenantSeeder.DemoTenantId.Value, "floor", "supervisor");
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        var failedRequests = new List<string>();
        page.RequestFailed += (_, request) => failedRequests.Add(request.Url);
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();

        await page.GotoAsync("live");
        // A wrong key is refused on the page, and nothing is kept.
        await page.GetByLabel("API key").FillAsync("vpk_nosuchkey0000_" + new string('x', 52));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("not accepted");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('voiceplatform.live.key')"));

        await page.GetByLabel("API key").FillAsync(supervisorKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        Assert.DoesNotContain(supervisorKey, page.Url);

        // The demo campaign starts (a tenant admin's doing); its calls appear on the floor.
        using (var admin = host.WithKey(await host.DemoApiKeyAsync()))
        {
            var started = await admin.PostAsync($"api/campaigns/{DemoTenantSeeder.DemoCampaignId.Value}/start", null);
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        }
        var campaign = page.Locator($"li.campaign[data-campaign-id='{DemoTenantSeeder.DemoCampaignId.Value}']");
        await Assertions.Expect(campaign.Locator(".campaign-status")).ToContainTextAsync("running", new() { Timeout = 30_000 });

        // A row appears while the call is not yet answered, and the same row changes to answered.
        var ringing = page.Locator("#call-rows tr:not([data-status='answered'])").First;
        await ringing.WaitForAsync(Patient);
        var callId = (await ringing.GetAttributeAsync("data-call-id"))!;
        var row = page.Locator($"#call-rows tr[data-call-id='{callId}']");
        output.WriteLine($"first seen {callId} as {await row.GetAttributeAsync("data-status")}");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "answered", new() { Timeout = 30_000 });
        await Assertions.Expect(row.Locator("[data-kind='time']")).ToContainTextAsync("talking");

        // A caller rings the demo reception line: the floor shows the inbound call with who is calling.
        await VoicePlatform.Tests.Inbound.InboundTestSupport.RingAsync(host, "+15125550142", DemoTenantSeeder.DemoInboundNumber, hangUpAfterSeconds: 600);
        await Assertions.Expect(page.Locator("#call-rows td[data-label='Party']", new() { HasText = "← from +15125550142" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(row.Locator("td[data-label='Party']")).ToContainTextAsync("→ to ");

        // Keyboard: the row takes focus and Enter opens the call; its transcript streams in.
        await row.FocusAsync();
        // The floor re-renders every second (the talking time): the row keeps the keyboard focus through it.
        var shown = await row.Locator("[data-kind='time']").TextContentAsync();
        await Assertions.Expect(row.Locator("[data-kind='time']")).Not.ToHaveTextAsync(shown!);
        await Assertions.Expect(row).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#detail-summary")).ToContainTextAsync(callId);
        var lines = page.Locator("#transcript li");
        await lines.First.WaitForAsync(Patient);
        var seen = await lines.CountAsync();
        // The page's own CSP forbids evaluated strings, so the wait is a locator: the line after the ones seen so far.
        await page.Locator($"#transcript li >> nth={seen}").WaitForAsync(Patient);

        // Whisper: acknowledged by the agent, and noted in the transcript as a coaching line.
        await page.GetByLabel("Whisper to the agent").FillAsync("Mention the Tuesday slot.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page.Locator("#action-status")).ToContainTextAsync("acknowledged");
        await Assertions.Expect(page.Locator("#transcript li[data-speaker='coach']")).ToContainTextAsync("Mention the Tuesday slot.", new() { Timeout = 30_000 });

        // Listen: the token the page got is one the official LiveKit SDK verifies — hidden, subscribe-only.
        var listen = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Listen" }).ClickAsync(), r => r.Url.EndsWith("/listen", StringComparison.Ordinal));
        Assert.Equal(201, listen.Status);
        var session = JsonDocument.Parse(await listen.TextAsync()).RootElement;
        var liveKit = host.App.Services.GetRequiredService<IOptions<LiveKitOptions>>().Value;
        var verified = (await NodeLiveKitSdk.CheckAsync(new JsonObject
        {
            ["apiKey"] = liveKit.ApiKey, ["apiSecret"] = liveKit.ApiSecret, ["token"] = session.GetProperty("participantToken").GetString(),
        })).GetProperty("token");
        Assert.True(verified.GetProperty("ok").GetBoolean(), verified.ToString());
        var video = verified.GetProperty("claims").GetProperty("video");
        Assert.True(video.GetProperty("hidden").GetBoolean());
        Assert.True(video.GetProperty("canSubscribe").GetBoolean());
        Assert.False(video.GetProperty("canPublish").GetBoolean());
        Assert.False(video.GetProperty("canPublishData").GetBoolean());
        Assert.Equal(session.GetProperty("participantIdentity").GetString(), verified.GetProperty("claims").GetProperty("sub").GetString());
        // The development emulator has no media server: the page says it cannot join the audio, and does not pretend.
        await Assertions.Expect(page.Locator("#action-status")).ToContainTextAsync("could not be reached", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallboardFixture.ArtifactsDirectory(), "desktop.png"), FullPage = true });

        // Hang up from the page: the row disappears.
        await page.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#detail-summary")).ToContainTextAsync("ended");

        // Pause and resume the campaign from its bar.
        await campaign.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Assertions.Expect(campaign.Locator(".campaign-status")).ToContainTextAsync("paused");
        await campaign.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Assertions.Expect(campaign.Locator(".campaign-status")).ToContainTextAsync("running");

        // The floor's figures count the calls that ended.
        await Assertions.Expect(page.Locator("#fig-answer")).Not.ToHaveTextAsync("–", new() { Timeout = 30_000 });

        // A phone-sized screen: one column, nothing wider than the screen, the calls as cards.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
        Assert.False(await page.Locator("#calls thead").IsVisibleAsync() && await page.EvaluateAsync<bool>("document.querySelector('#calls thead').getBoundingClientRect().left >= 0"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallboardFixture.ArtifactsDirectory(), "phone.png"), FullPage = true });
        output.WriteLine($"screenshots in {WallboardFixture.ArtifactsDirectory()}");

        // Nothing failed in the page but what was meant to: the wrong key's 401 and LiveKit's media (no media server here).
        var liveKitAddress = new Uri(session.GetProperty("liveKitUrl").GetString()!).Authority;
        foreach (var error in consoleErrors) output.WriteLine($"console: {error}");
        Assert.All(failedRequests, url => Assert.Equal(liveKitAddress, new Uri(url).Authority));
        // A failed request is logged without its address; the line above says whose it was.
        Assert.All(consoleErrors, e => Assert.True(e.Contains("401", StringComparison.Ordinal) || e.Contains(liveKitAddress, StringComparison.Ordinal)
            || (e.Contains("net::ERR_FAILED", StringComparison.Ordinal) && failedRequests.Count > 0), e));
        Assert.Single(consoleErrors, e => e.Contains("401", StringComparison.Ordinal));

        // Stop the campaign for whoever uses the host next.
        using (var admin = host.WithKey(await host.DemoApiKeyAsync()))
            await admin.PostAsync($"api/campaigns/{DemoTenantSeeder.DemoCampaignId.Value}/cancel?hangUpLiveCalls=true", null);
    }
}
