using VoicePlatform.Tests.Infrastructure;

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
