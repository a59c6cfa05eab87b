using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string folder, string? stdin, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{fileName}' is not installed or not on PATH ({e.Message}). The LiveKit cross-check needs Node.js 18+ with npm: " +
                "install it (e.g. 'apt-get install nodejs npm', or from https://nodejs.org) and run the tests again.", e);
        }

        using (process)
        {
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderrTask = process.StandardError.ReadToEndAsync();
            if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
            }

            return (process.ExitCode, await stdoutTask, await stderrTask);
        }
    }
}
