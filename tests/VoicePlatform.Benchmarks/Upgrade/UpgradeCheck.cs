using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Upgrade;

/// <summary>
/// A rolling upgrade across two real releases on one PostgreSQL, while a campaign dials: two silos and an API host of
/// the previous release serve a tenant; the new release's migrations are applied under them; then each old silo in turn
/// is replaced by a new one (SIGTERM, as an orchestrator does), so old and new silos run side by side reading and
/// writing each other's grain state, and the API host is replaced last. What the old release wrote must read the same
/// through the new one, the campaign must finish with no number rung twice, every call settled once and no money
/// drift. <c>scripts/upgrade-check.sh</c> builds both releases and runs this; docs/failure-suite.md records a run.
/// </summary>
public static class UpgradeCheck
{
    private const string OperatorKey = "vpo_upgrade_check_operator_key_not_a_secret_00";
    private const string ApiKey = "APIupgradecheck";
    private const string ApiSecret = "upgrade-check-secret-0123456789abcdefghijklmnopqrstuvwxyz";
    private const long OpeningBalance = 5_000;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var oldRelease = Path.GetFullPath(options.String("old", ""));
        var newRelease = Path.GetFullPath(options.String("new", ""));
        var leads = options.Int("leads", 30);
        foreach (var dir in new[] { oldRelease, newRelease })
            if (!File.Exists(Path.Combine(dir, "VoicePlatform.Silo.dll")) || !File.Exists(Path.Combine(dir, "VoicePlatform.ApiHost.dll")))
                throw new ArgumentException($"--old and --new must be build directories with VoicePlatform.Silo.dll and VoicePlatform.ApiHost.dll; '{dir}' is not.");
        var logs = Directory.CreateTempSubdirectory("voiceplatform-upgrade-").FullName;
        var run = Stopwatch.StartNew();
        void Say(string line) => Console.WriteLine($"{run.Elapsed.TotalSeconds,6:0.0} s  {line}");

        await using var postgres = await PostgresInstance.StartAsync(maxConnections: 200, durableCommits: true);
        var connectionString = await postgres.CreateDatabaseAsync("upgrade");
        Say($"PostgreSQL up; logs in {logs}");
        var oldMigrations = await MigrateAsync(oldRelease, connectionString, Path.Combine(logs, "migrate-old.log"));
        Say($"previous release migrated an empty database: {oldMigrations} migrations");

        var apiPort = FreePorts.Next();
        var apiUrl = $"http://127.0.0.1:{apiPort}";
        var emulator = LiveKitEmulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"], o =>
        {
            o.ApiKey = ApiKey;
            o.ApiSecret = ApiSecret;
            o.Webhook.Urls = [apiUrl + "/api/livekit/webhook"];
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=1;hangup=5" }];
            o.AgentWorker.Enabled = true;
            o.AgentWorker.Converse = false;
            o.AgentWorker.PlatformUrl = apiUrl;
        });
        await emulator.StartAsync();
        await using var emulatorLifetime = emulator;
        var emulatorUrl = emulator.Urls.First();

        Dictionary<string, string> Common() => new()
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Operator__ApiKey"] = OperatorKey,
            ["Cluster__ClusterId"] = "upgrade",
            ["Cluster__ServiceId"] = "upgrade",
            ["LiveKit__Url"] = emulatorUrl,
            ["LiveKit__ApiKey"] = ApiKey,
            ["LiveKit__ApiSecret"] = ApiSecret,
            ["Clock__Offset"] = "at:2026-12-09T17:00:00Z",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var siloNumber = 0;
        async Task<PlatformProcess> StartSiloAsync(string release, string label)
        {
            var n = ++siloNumber;
            var environment = Common();
            environment["Cluster__SiloPort"] = FreePorts.Next().ToString();
            environment["Cluster__GatewayPort"] = FreePorts.Next().ToString();
            environment["Cluster__AdvertisedAddress"] = "127.0.0.1";
            return await PlatformProcess.StartAsync($"{label} silo {n}", release, "VoicePlatform.Silo.dll", FreePorts.Next(), environment, Path.Combine(logs, $"silo-{n}-{label}.log"));
        }
        async Task<PlatformProcess> StartApiAsync(string release, string label)
        {
            var environment = Common();
            environment["Cluster__GatewayListRefreshPeriod"] = "00:00:02";
            environment["RateLimits__Enabled"] = "false";
            return await PlatformProcess.StartAsync($"{label} API host", release, "VoicePlatform.ApiHost.dll", apiPort, environment, Path.Combine(logs, $"api-{label}.log"));
        }

        var silos = new List<PlatformProcess> { await StartSiloAsync(oldRelease, "old"), await StartSiloAsync(oldRelease, "old") };
        var api = await StartApiAsync(oldRelease, "old");
        Say("2 silos and an API host of the previous release ready");
        try
        {
            using var op = Client(apiUrl, OperatorKey);
            var seeded = await SeedAsync(op, apiUrl, emulatorUrl, leads);
            using var admin = Client(apiUrl, seeded.AdminKey);
            var before = await SnapshotAsync(admin, seeded);
            Say($"tenant seeded through the previous release; campaign of {leads} leads started (6 at a time)");

            // The API as a client sees it through the whole upgrade: one read every 200 ms.
            var answers = new Dictionary<int, int>();
            using var stopPolling = new CancellationTokenSource();
            var polling = Task.Run(async () =>
            {
                using var poller = Client(apiUrl, seeded.AdminKey, TimeSpan.FromSeconds(40));
                while (!stopPolling.IsCancellationRequested)
                {
                    int status;
                    try { status = (int)(await poller.GetAsync($"api/campaigns/{seeded.Campaign}")).StatusCode; }
                    catch (HttpRequestException) { status = 0; }
                    lock (answers) answers[status] = answers.GetValueOrDefault(status) + 1;
                    try { await Task.Delay(200, stopPolling.Token); } catch (OperationCanceledException) { }
                }
            });

            await WaitAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE status = 'ended'") >= 5, "five calls ended");
            var migrating = Stopwatch.StartNew();
            var newMigrations = await MigrateAsync(newRelease, connectionString, Path.Combine(logs, "migrate-new.log"));
            Say($"new release's migrations applied under the running old silos: {newMigrations - oldMigrations} new, in {migrating.Elapsed.TotalSeconds:0.0} s");

            for (var i = 0; i < 2; i++)
            {
                var replacement = await StartSiloAsync(newRelease, "new");
                var live = await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE status <> 'ended'");
                var stoppedIn = await silos[i].StopAsync();
                Say($"{silos[i].Name} stopped (SIGTERM) in {stoppedIn.TotalSeconds:0.0} s with {live} calls live; {replacement.Name} serving beside {(i == 0 ? "an old" : "no old")} silo");
                await silos[i].DisposeAsync();
                silos[i] = replacement;
                if (i == 0)
                {
                    // Written while old and new silos run side by side; read back after the upgrade.
                    var renamed = await admin.PutAsJsonAsync($"api/brands/{seeded.Brand}", BrandBody("Upgrade Dental (renamed mid-upgrade)"));
                    if (!renamed.IsSuccessStatusCode) throw new InvalidOperationException($"renaming the brand mid-upgrade answered {(int)renamed.StatusCode}: {await renamed.Content.ReadAsStringAsync()}");
                    // The brand, and the persona and agent that show its name, as the mixed cluster answers them now.
                    foreach (var path in new[] { $"api/brands/{seeded.Brand}", $"api/personas/{seeded.Persona}", $"api/agents/{seeded.Agent}" })
                        before[path] = ApiSnapshots.Normalize(await (await admin.GetAsync(path)).Content.ReadAsStringAsync());
                }
            }
            var apiStoppedIn = await api.StopAsync();
            await api.DisposeAsync();
            api = await StartApiAsync(newRelease, "new");
            Say($"API host replaced (old one stopped in {apiStoppedIn.TotalSeconds:0.0} s); every process now runs the new release");

            var after = await SnapshotAsync(admin, seeded);
            var differences = before.Where(b => after.GetValueOrDefault(b.Key) != b.Value).Select(b => $"GET {b.Key}\n  before {b.Value}\n  after  {after.GetValueOrDefault(b.Key)}").ToList();
            await WaitAsync(async () => (await (await admin.GetAsync($"api/campaigns/{seeded.Campaign}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() == "completed", "the campaign completed");
            Say("campaign completed");
            await WaitAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM call_records WHERE status <> 'ended' OR NOT settled") == 0, "every call ended and settled");
            await stopPolling.CancelAsync();
            await polling;

            var dials = emulator.Services.GetRequiredService<SipCallSimulator>().Dialled.GroupBy(d => d.CallTo).ToDictionary(g => g.Key, g => g.Count());
            var rungTwice = dials.Count(d => d.Value > 1);
            var calls = await CountAsync(connectionString, "SELECT count(*) FROM call_records");
            var charged = await CountAsync(connectionString, "SELECT coalesce(sum(cost_total), 0) FROM call_records");
            var settledTwice = await CountAsync(connectionString, "SELECT count(*) FROM (SELECT reference FROM wallet_ledger WHERE kind IN ('reserve', 'settle') AND status = 'applied' GROUP BY reference, kind HAVING count(*) > 1) t");
            var ledger = await CountAsync(connectionString, "SELECT coalesce(sum(balance_change), 0) FROM wallet_ledger");
            var wallet = await (await admin.GetAsync("api/wallet")).Content.ReadFromJsonAsync<JsonElement>();
            var balance = wallet.GetProperty("balance").GetInt64();
            var completed = await CountAsync(connectionString, "SELECT count(*) FROM leads WHERE status = 'completed'");
            Console.WriteLine();
            Console.WriteLine($"Reads of what the previous release wrote, through the new one: {before.Count - differences.Count} of {before.Count} the same");
            foreach (var difference in differences) Console.WriteLine(difference);
            Console.WriteLine($"API during the upgrade (a read every 200 ms): {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{(a.Key == 0 ? "no connection" : a.Key.ToString())}: {a.Value}"))}");
            Console.WriteLine($"Campaign: {leads} leads, {completed} completed, {calls} calls, {dials.Values.Sum()} dials, numbers rung twice {rungTwice}");
            Console.WriteLine($"Money: opening {OpeningBalance}, charged {charged}, balance {balance}, ledger {ledger}, reserved {wallet.GetProperty("reserved").GetInt64()}, reservations or settlements applied twice {settledTwice}, drift {OpeningBalance - charged - balance}");
            var ok = differences.Count == 0 && rungTwice == 0 && completed == leads && settledTwice == 0 && OpeningBalance - charged == balance && balance == ledger;
            Console.WriteLine(ok ? "UPGRADE CHECK PASSED" : "UPGRADE CHECK FAILED");
            return ok ? 0 : 1;
        }
        finally
        {
            await api.DisposeAsync();
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    private sealed record Seeded(string AdminKey, string Tenant, string Brand, string Persona, string Agent, string Trunk, string Number, string Campaign);

    private static async Task<Seeded> SeedAsync(HttpClient op, string apiUrl, string emulatorUrl, int leads)
    {
        await Success(await Send(op, HttpMethod.Post, "api/operator/price-books/USD/versions", new
        {
            telephonyOutboundPerMinuteMicros = 12_000, telephonyInboundPerMinuteMicros = 6_000, platformPerMinuteMicros = 60_000,
            stt = new[] { new { provider = "deepgram", model = "nova-3", perAudioMinuteMicros = 10_000 } },
            llm = new[] { new { provider = "openai", model = "gpt-4o-mini", perMillionInputTokensMicros = 1_000_000, perMillionOutputTokensMicros = 4_000_000 } },
            tts = new[] { new { provider = "cartesia", model = "sonic-2", perMillionCharactersMicros = 30_000_000 } },
        }));
        var tenant = (await Success(await Send(op, HttpMethod.Post, "api/operator/tenants", new { name = "Upgrade Co", settings = new { defaultTimeZone = "America/New_York" } }))).GetProperty("id").GetString()!;
        var adminKey = (await Success(await Send(op, HttpMethod.Post, $"api/operator/tenants/{tenant}/api-keys", new { name = "admin", role = "tenant-admin" }))).GetProperty("key").GetString()!;
        await Success(await Send(op, HttpMethod.Post, $"api/operator/tenants/{tenant}/wallet/credits", new { kind = "top-up", amount = OpeningBalance }));
        using var admin = Client(apiUrl, adminKey);
        var brand = Id(await Success(await Send(admin, HttpMethod.Post, "api/brands", BrandBody("Upgrade Dental"))));
        var persona = Id(await Success(await Send(admin, HttpMethod.Post, "api/personas", new
        {
            brandId = brand, name = "Ava", role = "Receptionist", instructions = "Greet {{first_name}} and help them book a visit at {{company_name}}.",
            personalityTraits = new[] { "friendly", "patient" }, tone = "warm", voice = new { provider = "cartesia", voiceId = "warm-female-1", speed = 1.0 },
        })));
        var agent = Id(await Success(await Send(admin, HttpMethod.Post, "api/agents", new
        {
            personaId = persona, name = "Front desk", direction = "outbound", greeting = "Hi {{first_name}}, this is {{persona_name}} from {{company_name}}.", status = "active",
        })));
        const string callerId = "+16505550142";
        var liveKit = new LiveKitClient(new HttpClient(), Options.Create(new LiveKitOptions { Url = emulatorUrl, ApiKey = ApiKey, ApiSecret = ApiSecret }),
            TimeProvider.System, NullLogger<LiveKitClient>.Instance);
        var liveKitTrunk = await liveKit.CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "upgrade", Address = "sip.example.test", Numbers = [callerId] });
        var trunk = Id(await Success(await Send(admin, HttpMethod.Post, "api/sip-trunks", new { liveKitTrunkId = liveKitTrunk.SipTrunkId, name = "Main", numbers = Array.Empty<string>(), maxConcurrentCalls = 20, callsPerSecond = 5 })));
        var number = Id(await Success(await Send(admin, HttpMethod.Post, "api/phone-numbers", new { number = callerId, label = "Main", assignedAgentId = agent, trunkId = trunk })));
        var campaign = Id(await Success(await Send(admin, HttpMethod.Post, "api/campaigns", new
        {
            name = "Upgrade campaign", agentId = agent, callerIdNumberIds = Array.Empty<string>(),
            windows = new[] { new { days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }, from = "07:00", to = "22:00" } },
            pacing = new { maxConcurrentCalls = 6, maxDialsPerMinute = 120 },
        })));
        var csv = "phone,name,consent_at\n" + string.Concat(Enumerable.Range(0, leads).Select(i => $"+1212558{i + 1000:0000},Lead {i},2026-11-01T10:00:00Z\n"));
        await Success(await Send(admin, HttpMethod.Post, $"api/campaigns/{campaign}/leads", new { csv }));
        await Success(await Send(admin, HttpMethod.Post, $"api/campaigns/{campaign}/start", null));
        return new Seeded(adminKey, tenant, brand, persona, agent, trunk, number, campaign);
    }

    private static object BrandBody(string name) => new
    {
        companyName = name, industry = "Dental care", website = "https://upgrade-dental.example", voiceAndTone = "Warm, calm, never pushy.",
        dos = new[] { "Confirm the appointment time back to the caller" }, donts = new[] { "Give medical advice" },
        defaultLanguage = "en-US", defaultTimeZone = "America/New_York", description = "A family dental practice.",
    };

    /// <summary>Reads of objects that do not change by themselves, normalised (a key's last use moves with every request).</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(HttpClient admin, Seeded seeded)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var path in new[] { "api/tenant", $"api/brands/{seeded.Brand}", $"api/personas/{seeded.Persona}", $"api/agents/{seeded.Agent}",
                     $"api/sip-trunks/{seeded.Trunk}", $"api/phone-numbers/{seeded.Number}", "api/api-keys" })
        {
            var response = await admin.GetAsync(path);
            snapshot[path] = response.IsSuccessStatusCode ? ApiSnapshots.Normalize(await response.Content.ReadAsStringAsync()) : $"HTTP {(int)response.StatusCode}";
        }
        return snapshot;
    }


    private static async Task<int> MigrateAsync(string release, string connectionString, string logFile)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(release, "VoicePlatform.Silo.dll"), "migrate"]) { WorkingDirectory = release, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await File.WriteAllTextAsync(logFile, output);
        if (process.ExitCode != 0) throw new InvalidOperationException($"migrate of {release} exited with {process.ExitCode}: {output}");
        return (int)await CountAsync(connectionString, "SELECT count(*) FROM schema_migrations");
    }

    private static HttpClient Client(string baseUrl, string key, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl + "/"), Timeout = timeout ?? TimeSpan.FromSeconds(40) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }

    private static async Task<JsonElement> Success(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string Id(JsonElement element) => element.GetProperty("id").GetString()!;

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or NpgsqlException)
            {
                // The platform is changing under the check; ask again.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached in 6 minutes: {what}");
            await Task.Delay(200);
        }
    }
}
