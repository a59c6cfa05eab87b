using Microsoft.Playwright;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using Xunit.Abstractions;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Wallboard;

/// <summary>
/// The wallboard against WCAG 2.1 A and AA as axe-core checks them (contrast included), signed out and on a floor with
/// a live call, in a real Chromium; and in forced colours (high contrast), where a screenshot is kept.
/// </summary>
[Collection(WallboardCollection.Name)]
public sealed class WallboardAccessibilityTests(WallboardFixture host, ITestOutputHelper output)
{
    [Fact]
    public async Task ThePageMeetsWcag21AaSignedOutAndOnALiveFloor()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var key = await host.IssueKeyAsync(tenant.Id, "floor", "supervisor");
        // axe is injected as a script, which the page's own CSP rightly forbids: this context alone bypasses it.
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("live");
        await AssertNoViolationsAsync(page, "signed out");

        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        var call = await PlaceAsync(tenant, "+15125550188");
        var row = page.Locator($"#call-rows tr[data-call-id='{Id(call)}']");
        await row.ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#detail-summary")).ToContainTextAsync(Id(call));
        await AssertNoViolationsAsync(page, "floor with a live call selected");

        await page.EmulateMediaAsync(new() { ForcedColors = ForcedColors.Active });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WallboardFixture.ArtifactsDirectory(), "forced-colors.png"), FullPage = true });
        await tenant.Admin.PostAsync($"api/calls/{Id(call)}/hangup", null);
    }

    private Task AssertNoViolationsAsync(IPage page, string state) => AxeCore.AssertNoViolationsAsync(page, state, output);
}
