namespace VoicePlatform.Tests.Infrastructure;

/// <summary>Files of the repository the tests run from (found above the test binaries, wherever they were built).</summary>
public static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"{relative} was not found above {AppContext.BaseDirectory}");
    }
}
