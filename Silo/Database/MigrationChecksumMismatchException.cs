namespace VoicePlatform.Silo.Database;

/// <summary>
/// An applied migration's file was edited afterwards. Applied migrations are history: a change
/// would never reach databases that already ran the old text, so the migrator refuses to start.
/// </summary>
public sealed class MigrationChecksumMismatchException(string migrationName, string appliedChecksum, string fileChecksum)
    : InvalidOperationException(
        $"Migration '{migrationName}' was applied with checksum {appliedChecksum}, but the embedded file now has checksum " +
        $"{fileChecksum}. Applied migrations must not be edited; restore the file and add a new migration instead.")
{
    public string MigrationName { get; } = migrationName;
}
