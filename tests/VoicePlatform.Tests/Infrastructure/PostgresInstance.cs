using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace VoicePlatform.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server process built from this machine's binaries in a temporary directory: the run's shared server
/// (<see cref="PostgresServer"/>), or a test's own when it must stop or restart the server under load.
/// </summary>
/// <remarks>
/// A detached watchdog stops the server and removes its files once the test host is gone, however it ended
/// (measured: the ProcessExit handler sometimes never got to pg_ctl when the runner killed the host).
/// </remarks>
public sealed class PostgresInstance : IAsyncDisposable
{
    public const string TempDirectoryPrefix = "voiceplatform-pg-";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresBinaries _binaries;
    private readonly string _root;
    private readonly string _dataDirectory;
    private readonly string _logFile;
    private readonly bool _runAsServiceUser;
    private bool _running;

    private PostgresInstance(PostgresBinaries binaries, string root, bool runAsServiceUser, int port)
    {
        _binaries = binaries;
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        _logFile = Path.Combine(root, "server.log");
        _runAsServiceUser = runAsServiceUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>initdb, the test settings, start, and the exit watchdog.</summary>
    /// <param name="durableCommits">
    /// Keep <c>synchronous_commit</c> on: a commit is acknowledged only once its log is written, so a server crash (not
    /// only the machine's) cannot take back what a client was told is committed. Off, the last ~200 ms of acknowledged
    /// commits die with the server — fine for a throwaway server nobody crashes, fatal to a test that crashes it.
    /// </param>
    /// <param name="productionDurability">
    /// A production server's settings (<c>fsync</c>, <c>synchronous_commit</c> and <c>full_page_writes</c> on), for the
    /// benchmarks' figures on a durable server; the tests never need it.
    /// </param>
    /// <param name="statementStatistics">Loads <c>pg_stat_statements</c>, for a benchmark that reads where PostgreSQL's time goes.</param>
    public static async Task<PostgresInstance> StartAsync(int maxConnections, bool durableCommits = false, bool productionDurability = false, bool statementStatistics = false)
    {
        var binaries = PostgresBinaries.Locate();
        var runAsServiceUser = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory(TempDirectoryPrefix).FullName;
        var socketDirectory = Path.Combine(root, "socket");
        Directory.CreateDirectory(socketDirectory);
        if (runAsServiceUser)
        {
            // initdb refuses to run as root; the server runs as "postgres" and must own its files.
            await ProcessRunner.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", root], CommandTimeout);
        }

        var server = new PostgresInstance(binaries, root, runAsServiceUser, FindFreePort());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAtExit();
        await server.RunAsync(binaries.InitDb,
            ["-D", server._dataDirectory, "-U", ServiceUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
        // fsync stays off for the tests: only the machine crashing would need it.
        var durable = productionDurability ? "on" : "off";
        await File.AppendAllTextAsync(Path.Combine(server._dataDirectory, "postgresql.conf"),
            $"""

             # Test server settings (VoicePlatform.Tests PostgresInstance)
             listen_addresses = '127.0.0.1'
             port = {server.Port}
             unix_socket_directories = '{socketDirectory}'
             fsync = {durable}
             synchronous_commit = {(durableCommits || productionDurability ? "on" : "off")}
             full_page_writes = {durable}
             max_connections = {maxConnections}
             {(statementStatistics ? "shared_preload_libraries = 'pg_stat_statements'" : "")}
             """);
        await server.StartServerAsync();
        server.StartWatchdog();
        return server;
    }

    public string ConnectionString(string database, bool pooling) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = database,
        Timezone = PostgresServer.SessionTimeZone,
        Pooling = pooling,
    }.ConnectionString;

    /// <summary>Creates an empty database and answers its (pooled) connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, string? template = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        var from = template is null ? "" : $" TEMPLATE \"{template}\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name, pooling: true);
    }

    /// <summary>Stops the server as a crash would (<c>pg_ctl -m immediate</c>: no checkpoint, every connection cut).</summary>
    public async Task CrashAsync()
    {
        await RunAsync(_binaries.PgCtl, ["-D", _dataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"]);
        _running = false;
    }

    /// <summary>Starts the server again on the same port and data (crash recovery replays its log).</summary>
    public Task StartServerAsync() => StartCoreAsync();

    private async Task StartCoreAsync()
    {
        await RunAsync(_binaries.PgCtl, ["-D", _dataDirectory, "-l", _logFile, "-w", "-t", "60", "start"]);
        _running = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            try
            {
                await CrashAsync();
            }
            catch (Exception)
            {
                // The watchdog stops it once the test host is gone.
            }
        }

        DeleteFiles();
    }

    private Task RunAsync(string binary, IReadOnlyList<string> arguments) => _runAsServiceUser
        ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", binary, .. arguments], CommandTimeout)
        : ProcessRunner.RunAsync(binary, arguments, CommandTimeout);

    private void StartWatchdog()
    {
        var stop = _runAsServiceUser
            ? $"runuser -u {ServiceUser} -- '{_binaries.PgCtl}' -D '{_dataDirectory}' -m immediate stop"
            : $"'{_binaries.PgCtl}' -D '{_dataDirectory}' -m immediate stop";
        // exec first: the shell must not hold the test host's output pipes open (the runner would wait for EOF).
        var script =
            "exec </dev/null >/dev/null 2>&1; " +
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"if [ -f '{_dataDirectory}/postmaster.pid' ]; then {stop}; fi; rm -rf '{_root}'";
        var startInfo = new System.Diagnostics.ProcessStartInfo("setsid") { UseShellExecute = false };
        startInfo.ArgumentList.Add("sh");
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        using var watchdog = System.Diagnostics.Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog.");
    }

    // Runs on ProcessExit, where async work is not awaited reliably: block, bounded.
    private void StopAtExit()
    {
        try
        {
            if (_running) CrashAsync().Wait(TimeSpan.FromSeconds(30));
        }
        catch (Exception)
        {
            // Best effort at exit: the temp directory removal below still runs.
        }

        DeleteFiles();
    }

    private void DeleteFiles()
    {
        try
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
        catch (Exception)
        {
            // A leftover temp directory is harmless; failing the test run over it is not.
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
}
