using System.Text.Json;
using Microsoft.Playwright;
using VoicePlatform.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.Wallboard;

/// <summary>axe-core (Deque's accessibility engine) from npm, pinned by <c>tests/browser-check/package-lock.json</c>.</summary>
internal static class AxeCore
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>The engine's script, installed with <c>npm ci</c> on first use.</summary>
    public static async Task<string> ScriptAsync()
    {
        var folder = Folder();
        var script = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(script))
            {
                var (exitCode, stdout, stderr) = await ProcessRunner.CaptureAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, null, TimeSpan.FromMinutes(3),
                    "The accessibility check installs axe-core with npm: install Node.js and npm (apt-get install nodejs npm).");
                Assert.True(exitCode == 0, $"npm ci in {folder} exited with {exitCode}:\n{stdout}\n{stderr}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
        return await File.ReadAllTextAsync(script);
    }

    /// <summary>Runs axe in the page against WCAG 2.1 A and AA (contrast included) and fails on any violation, listing them.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string state, ITestOutputHelper output)
    {
        await page.AddScriptTagAsync(new() { Content = await ScriptAsync() });
        var result = await page.EvaluateAsync<JsonElement>("() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })");
        var violations = result.GetProperty("violations").EnumerateArray()
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} — " +
                string.Join("; ", v.GetProperty("nodes").EnumerateArray().Take(3).Select(n => n.GetProperty("target")[0].ToString())))
            .ToList();
        output.WriteLine($"{state}: {result.GetProperty("passes").GetArrayLength()} rules passed, {violations.Count} violated");
        Assert.True(violations.Count == 0, $"{state}:\n" + string.Join("\n", violations));
    }

    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "browser-check");
            if (File.Exists(Path.Combine(candidate, "package-lock.json"))) return candidate;
        }
        throw new InvalidOperationException("tests/browser-check/package-lock.json was not found above " + AppContext.BaseDirectory);
    }
}
