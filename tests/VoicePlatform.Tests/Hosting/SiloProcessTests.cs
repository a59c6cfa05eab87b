using System.Diagnostics;
using System.Net;
using Npgsql;
using VoicePlatform.Silo.Database;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Hosting;

/// <summary>The real Silo program as its own process, configured only through environment variables.</summary>
public sealed class SiloProcessTests
{
    [Fact]
    public async Task ASiloOnAnEmptyDatabaseMigratesAtStartUpAndBecomesReady()
    {
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync("siloproc");
        var httpPort = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "VoicePlatform.Silo.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Postgres"] = connectionString,
                ["Database__MigrateOnStartup"] = "true",
                ["Operator__ApiKey"] = ApiHostFixture.OperatorKey,
                ["Cluster__SiloPort"] = FreePorts.Next().ToString(),
                ["Cluster__GatewayPort"] = FreePorts.Next().ToString(),
                ["Cluster__AdvertisedAddress"] = "127.0.0.1",
                ["Cluster__ClusterId"] = "process-test",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                if (process.HasExited) Assert.Fail($"the silo exited early with {process.ExitCode}: {await errors}");
                try
                {
                    if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                Assert.True(DateTime.UtcNow < deadline, "the silo became ready in time");
                await Task.Delay(200);
            }

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("metrics")).StatusCode);
            using var scrapeRequest = new HttpRequestMessage(HttpMethod.Get, "metrics");
            scrapeRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiHostFixture.OperatorKey);
            var scrape = await (await http.SendAsync(scrapeRequest)).Content.ReadAsStringAsync();
            Assert.Contains("microsoft_orleans_orleans_", scrape);
            // A production silo's whole scrape (Npgsql's pool meters included) passes promtool's lint.
            Assert.Contains("npgsql", scrape);
            var (lint, lintOut, lintErr) = await ProcessRunner.CaptureAsync("promtool", ["check", "metrics"], AppContext.BaseDirectory, scrape, TimeSpan.FromSeconds(30),
                "promtool comes with Debian's prometheus package (apt-get install prometheus; .ci/run installs it).");
            Assert.True(lint == 0, $"promtool check metrics: {lintOut}{lintErr}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("dashboard/")).StatusCode);

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var applied = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
            var embedded = Migration.LoadEmbedded(typeof(SchemaMigrator).Assembly).Count;
            Assert.Equal((long)embedded, (long)(await applied.ExecuteScalarAsync())!);
            await using var active = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'process-test' AND status = 3", connection);
            Assert.Equal(1L, (long)(await active.ExecuteScalarAsync())!);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
