using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VoicePlatform.Silo.Database;

namespace VoicePlatform.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the whole test run, built from this machine's binaries.
/// </summary>
/// <remarks>
/// xunit 2 has no assembly fixtures, so the server is a lazily started process-wide singleton,
/// stopped on process exit. The migrations are applied once into a template database; every
/// test class gets its own database cloned from it, which is far cheaper than migrating each.
/// </remarks>
public static class PostgresServer
{
    /// <summary>A non-UTC session zone, so tests catch timestamp columns that depend on it.</summary>
    public const string SessionTimeZone = "America/New_York";

    private const string TemplateDatabase = "voiceplatform_template";

    /// <summary>Set to 1: the server runs with fsync, synchronous_commit and full_page_writes on.</summary>
    public const string DurableVariable = "VOICEPLATFORM_PG_DURABLE";

    /// <summary>Set to 1: the server loads pg_stat_statements.</summary>
    public const string StatementStatisticsVariable = "VOICEPLATFORM_PG_STATEMENTS";

    private static readonly Lazy<Task<PostgresInstance>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    // CREATE DATABASE ... TEMPLATE fails if another session touches the template; serializing
    // the clones inside this process keeps parallel test classes from tripping over each other.
    private static readonly SemaphoreSlim CloneGate = new(1, 1);
    private static int _databaseCounter;

    /// <summary>
    /// Creates a fresh, fully migrated database for one test class and returns its connection
    /// string (session TimeZone = <see cref="SessionTimeZone"/>).
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await Server.Value;
        var name = $"{Sanitize(prefix)}_{Interlocked.Increment(ref _databaseCounter)}";

        await CloneGate.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString("postgres", pooling: false));
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateDatabase}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        finally
        {
            CloneGate.Release();
        }

        return server.ConnectionString(name, pooling: true);
    }

    /// <summary>
    /// Creates an empty database (no migrations), for tests of the migrator itself.
    /// </summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string prefix)
    {
        var server = await Server.Value;
        var name = $"{Sanitize(prefix)}_{Interlocked.Increment(ref _databaseCounter)}";

        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();

        return server.ConnectionString(name, pooling: true);
    }

    private static string Sanitize(string prefix)
    {
        var cleaned = new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return cleaned.Length > 40 ? cleaned[..40] : cleaned;
    }

    private static async Task<PostgresInstance> StartAsync()
    {
        RemoveLeftoversOfEarlierRuns();
        // One server serves every test class at once, each cluster with a pool per provider and store: 200 connections
        // ran out in a full run.
        // The benchmarks' report runs some scenarios again on a server with production durability, and reads
        // pg_stat_statements; both are asked for by the environment of the benchmark's process (never set for tests).
        var server = await PostgresInstance.StartAsync(maxConnections: 400,
            productionDurability: Environment.GetEnvironmentVariable(DurableVariable) == "1",
            statementStatistics: Environment.GetEnvironmentVariable(StatementStatisticsVariable) == "1");
        await server.CreateDatabaseAsync(TemplateDatabase);

        // No pooling: an idle pooled connection to the template would block every clone.
        var migrator = new SchemaMigrator(server.ConnectionString(TemplateDatabase, pooling: false),
            NullLogger<SchemaMigrator>.Instance);
        await migrator.ApplyAsync();

        return server;
    }

    // The test host may be killed right after the last test, before the ProcessExit handler has
    // deleted the data directory. Stopped servers (no postmaster.pid) that are not brand new
    // (another run may be between initdb and start) are removed here instead.
    private static void RemoveLeftoversOfEarlierRuns()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), PostgresInstance.TempDirectoryPrefix + "*"))
        {
            var isRunning = File.Exists(Path.Combine(directory, "data", "postmaster.pid"));
            var isRecent = Directory.GetCreationTimeUtc(directory) > DateTime.UtcNow.AddMinutes(-10);
            if (isRunning || isRecent)
            {
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception)
            {
                // Someone else's directory we cannot remove is not our problem.
            }
        }
    }
}
