using System.Text.RegularExpressions;

namespace VoicePlatform.Tests.Architecture;

/// <summary>
/// The reference rules of README.md's architecture section, checked on the sources: ApiHost's endpoints, request
/// contracts and HTTP pieces speak only the contracts in Grains.Interfaces; only its composition root (Hosting/)
/// uses the Silo library, to host a silo in all-in-one mode and to add authentication, operations and the LiveKit
/// webhook receiver; and no ApiHost file reaches into a grain implementation.
/// </summary>
public sealed partial class ProjectReferenceRulesTests
{
    private static readonly string Root = FindRepositoryRoot();

    [Theory]
    [InlineData("ApiHost/Endpoints")]
    [InlineData("ApiHost/Contracts")]
    [InlineData("ApiHost/Http")]
    [InlineData("ApiHost/Live")]
    public void TheApiSpeaksOnlyTheContracts(string folder)
    {
        var offenders = Sources(folder).Where(f => Usings(f).Any(u => u.StartsWith("VoicePlatform.Grains", StringComparison.Ordinal)
                                                                      || u.StartsWith("VoicePlatform.Silo", StringComparison.Ordinal)));
        Assert.Empty(offenders);
    }

    [Fact]
    public void NoApiHostFileUsesAGrainImplementation()
    {
        // The development seeder provisions the embedded LiveKit emulator with the LiveKit client, which lives beside
        // the grains that use it; nothing in ApiHost uses a grain implementation.
        var offenders = Sources("ApiHost").Where(f => Usings(f).Any(u => u.StartsWith("VoicePlatform.Grains", StringComparison.Ordinal)
                                                                         && u != "VoicePlatform.Grains.Telephony.LiveKit"));
        Assert.Empty(offenders);
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(Root, "ApiHost/ApiHost.csproj")), @"Grains\Grains.csproj");
    }

    [Fact]
    public void TheContractsDependOnNothingOfOurs()
    {
        var project = File.ReadAllText(Path.Combine(Root, "Grains.Interfaces/Grains.Interfaces.csproj"));
        Assert.DoesNotContain("ProjectReference", project);
    }

    private static IEnumerable<string> Sources(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => Path.GetRelativePath(Root, f));

    private static IEnumerable<string> Usings(string relativePath) =>
        UsingLine().Matches(File.ReadAllText(Path.Combine(Root, relativePath))).Select(m => m.Groups[1].Value);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VoicePlatform.sln"))) return dir.FullName;
        throw new InvalidOperationException("VoicePlatform.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"^using\s+(?:static\s+)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
