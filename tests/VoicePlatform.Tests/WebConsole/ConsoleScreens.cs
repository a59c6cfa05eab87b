using Microsoft.Playwright;
using VoicePlatform.Tests.Wallboard;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.WebConsole;

/// <summary>
/// What every console journey does on each screen: a screenshot at desktop and at phone width (kept in
/// TestResults/console), and axe-core's WCAG 2.1 AA check in the page.
/// </summary>
public sealed class ConsoleScreens(IPage page, ITestOutputHelper output)
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static string ArtifactsDirectory()
    {
        var path = Path.Combine(Path.GetDirectoryName(WallboardFixture.ArtifactsDirectory())!, "console");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Checks the screen as it is, then keeps it at both widths (nothing on it may scroll sideways on the phone).</summary>
    public async Task RecordAsync(string name)
    {
        await AxeCore.AssertNoViolationsAsync(page, name, output);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory(), $"{name}-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        // Two frames: what lays itself out on resize (a chart's canvas) has done so before anything is measured.
        var overflow = await page.EvaluateAsync<int>(
            "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(document.documentElement.scrollWidth - document.documentElement.clientWidth))))");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory(), $"{name}-phone.png"), FullPage = true });
        await AxeCore.AssertNoViolationsAsync(page, $"{name} (phone)", output);
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow}px on a phone");
    }
}
