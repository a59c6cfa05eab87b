namespace VoicePlatform.Tests.Infrastructure;

/// <summary>Locates initdb and pg_ctl of one PostgreSQL installation on this machine.</summary>
public sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    /// <summary>
    /// Looks on PATH first, then in Debian's versioned directories (newest first). Throws with
    /// install instructions instead of letting database tests skip silently.
    /// </summary>
    public static PostgresBinaries Locate()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(DebianVersionDirectories());

        foreach (var directory in candidates)
        {
            var initDb = Path.Combine(directory, "initdb");
            var pgCtl = Path.Combine(directory, "pg_ctl");
            // Both from one directory, so initdb and the server are the same major version.
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initDb, pgCtl);
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/<version>/bin. " +
            "The storage tests need a real PostgreSQL 15+: install it with `apt-get install -y postgresql` " +
            "(the binaries then live in /usr/lib/postgresql/<version>/bin), or put initdb and pg_ctl on PATH.");
    }

    private static IEnumerable<string> DebianVersionDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Directory, "bin"));
    }
}
