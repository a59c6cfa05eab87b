using Microsoft.Playwright;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Wallboard;

/// <summary>
/// An ApiHost as <c>dotnet run</c> starts it (demo tenant, demo campaign, the emulator's talking agent worker) in real
/// time, where every number rings three seconds and answers, so a browser sees each call ring, talk and end; and one
/// headless Chromium — Debian's, driven by Playwright — for the tests to open pages in.
/// </summary>
public sealed class WallboardFixture : ApiHostFixture
{
    /// <summary>Debian's Chromium (<c>apt-get install chromium</c>; <c>.ci/run</c> installs it when missing).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveKitEmulator:AgentWorker:Enabled", "true",
        "--LiveKitEmulator:TimeAcceleration", "1",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", "*",
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "answer;ring=3",
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Where screenshots are kept: <c>TestResults/wallboard</c> at the repository's root (beside VoicePlatform.sln).</summary>
    public static string ArtifactsDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "VoicePlatform.sln"))) directory = directory.Parent;
        var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "wallboard");
        Directory.CreateDirectory(path);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class WallboardCollection : ICollectionFixture<WallboardFixture>
{
    public const string Name = "wallboard host";
}
