using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace VoicePlatform.Silo.Database;

/// <summary>One embedded SQL migration: its number, file name, text and checksum.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    /// <summary>Embedded resources are named "VoicePlatform.Migrations.&lt;file&gt;.sql" by Silo.csproj.</summary>
    public const string ResourcePrefix = "VoicePlatform.Migrations.";

    /// <summary>
    /// Reads every embedded migration of <paramref name="assembly"/>, ordered by number.
    /// Fails on a name without a leading number or on two files with the same number, because
    /// either would make the applied order ambiguous.
    /// </summary>
    public static IReadOnlyList<Migration> LoadEmbedded(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded migration '{name}' cannot be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(FromText(name, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Migrations {string.Join(", ", duplicate.Select(m => m.Name))} share number {duplicate.Key}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    /// <summary>Builds a migration from a file name such as "0002_orleans_grain_storage.sql".</summary>
    public static Migration FromText(string name, string sql)
    {
        var digits = name.TakeWhile(char.IsAsciiDigit).Count();
        if (digits == 0 || !int.TryParse(name.AsSpan(0, digits), out var version))
        {
            throw new InvalidOperationException(
                $"Migration '{name}' must start with its number, e.g. '0004_add_calls.sql'.");
        }

        return new Migration(version, name, sql, ComputeChecksum(sql));
    }

    /// <summary>
    /// SHA-256 of the text with line endings normalised, so a Windows checkout (CRLF) of an
    /// unchanged file does not look like an edited migration.
    /// </summary>
    public static string ComputeChecksum(string sql)
    {
        var normalised = sql.ReplaceLineEndings("\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
