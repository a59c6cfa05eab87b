using System.Text.Json;
using System.Text.Json.Nodes;

using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.LiveKit;

/// <summary>
/// Runs <c>tests/livekit-node-check/check.mjs</c> with the machine's node, against the official
/// livekit-server-sdk pinned by its package-lock.json (installed with <c>npm ci</c> once, then cached).
/// </summary>
internal static class NodeLiveKitSdk
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<JsonElement> CheckAsync(JsonObject input)
    {
        var folder = Folder();
        await EnsureInstalledAsync(folder);
        var (exitCode, stdout, stderr) = await RunAsync("node", ["check.mjs"], folder, input.ToJsonString(), TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"node check.mjs exited with {exitCode}:\n{stdout}\n{stderr}");
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }

    private static async Task EnsureInstalledAsync(string folder)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(folder, "node_modules", "livekit-server-sdk", "package.json"))) return;
            var (exitCode, stdout, stderr) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, null, TimeSpan.FromMinutes(3));
            Assert.True(exitCode == 0, $"npm ci in {folder} exited with {exitCode}:\n{stdout}\n{stderr}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "livekit-node-check");
            if (File.Exists(Path.Combine(candidate, "check.mjs"))) return candidate;
        }

        throw new InvalidOperationException("tests/livekit-node-check/check.mjs was not found above " + AppContext.BaseDirectory);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string folder, string? stdin, TimeSpan timeout) =>
        ProcessRunner.CaptureAsync(fileName, arguments, folder, stdin, timeout,
            "The LiveKit cross-check needs Node.js 18+ with npm: install it (e.g. 'apt-get install nodejs npm', or from https://nodejs.org) and run the tests again.");
}
