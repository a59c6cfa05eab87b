using System.Net;
using System.Net.Sockets;
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

    private const string TempDirectoryPrefix = "voiceplatform-pg-";
    private const string TemplateDatabase = "voiceplatform_template";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Task<RunningServer>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

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

    private static async Task<RunningServer> StartAsync()
    {
        var binaries = PostgresBinaries.Locate();
        var runAsServiceUser = Environment.UserName == "root";

        RemoveLeftoversOfEarlierRuns();
        var root = Directory.CreateTempSubdirectory(TempDirectoryPrefix).FullName;
        var dataDirectory = Path.Combine(root, "data");
        var socketDirectory = Path.Combine(root, "socket");
        var logFile = Path.Combine(root, "server.log");
        Directory.CreateDirectory(socketDirectory);

        if (runAsServiceUser)
        {
            // initdb refuses to run as root; the server runs as "postgres" and must own its files.
            await ProcessRunner.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", root], CommandTimeout);
        }

        var server = new RunningServer(binaries, root, dataDirectory, runAsServiceUser, FindFreePort());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();

        await server.RunAsync(binaries.InitDb,
            ["-D", dataDirectory, "-U", ServiceUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);

        // Durability is pointless for a throwaway server; TimeZone stays at initdb's default. One server serves every
        // test class at once, each cluster with a pool per provider and store: 200 connections ran out in a full run.
        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"),
            $"""

             # Test server settings (VoicePlatform.Tests PostgresServer)
             listen_addresses = '127.0.0.1'
             port = {server.Port}
             unix_socket_directories = '{socketDirectory}'
             fsync = off
             synchronous_commit = off
             full_page_writes = off
             max_connections = 400
             """);

        await server.RunAsync(binaries.PgCtl, ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "start"]);
        server.Started = true;
        server.StartWatchdog();

        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres", pooling: false)))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{TemplateDatabase}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

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
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), TempDirectoryPrefix + "*"))
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

    private static int FindFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class RunningServer(PostgresBinaries binaries, string root, string dataDirectory, bool runAsServiceUser, int port)
    {
        public int Port { get; } = port;

        public bool Started { get; set; }

        public string ConnectionString(string database, bool pooling) => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = ServiceUser,
            Database = database,
            Timezone = SessionTimeZone,
            Pooling = pooling,
        }.ConnectionString;

        public Task RunAsync(string binary, IReadOnlyList<string> arguments) => runAsServiceUser
            ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", binary, .. arguments], CommandTimeout)
            : ProcessRunner.RunAsync(binary, arguments, CommandTimeout);

        // The test host can be killed right after the last test (measured: the ProcessExit handler
        // sometimes never got to pg_ctl), which would leave a server running. A detached shell
        // polls this process and, once it is gone, stops the server and removes its files.
        public void StartWatchdog()
        {
            var stop = runAsServiceUser
                ? $"runuser -u {ServiceUser} -- '{binaries.PgCtl}' -D '{dataDirectory}' -m immediate stop"
                : $"'{binaries.PgCtl}' -D '{dataDirectory}' -m immediate stop";
            // exec first: the shell must not hold the test host's output pipes open (the runner would wait for EOF).
            var script =
                "exec </dev/null >/dev/null 2>&1; " +
                $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
                $"if [ -f '{dataDirectory}/postmaster.pid' ]; then {stop}; fi; rm -rf '{root}'";
            var startInfo = new System.Diagnostics.ProcessStartInfo("setsid")
            {
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add("sh");
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(script);
            using var watchdog = System.Diagnostics.Process.Start(startInfo)
                ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog.");
        }

        // Runs on ProcessExit, where async work is not awaited reliably: block, bounded.
        public void Stop()
        {
            try
            {
                if (Started)
                {
                    RunAsync(binaries.PgCtl, ["-D", dataDirectory, "-m", "immediate", "-w", "-t", "20", "stop"])
                        .Wait(TimeSpan.FromSeconds(30));
                }
            }
            catch (Exception)
            {
                // Best effort at exit: the temp directory removal below still runs.
            }

            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception)
            {
                // A leftover temp directory is harmless; failing the test run over it is not.
            }
        }
    }
}
