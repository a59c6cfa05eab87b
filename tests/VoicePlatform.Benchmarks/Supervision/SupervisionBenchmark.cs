using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using VoicePlatform.Benchmarks.Hosting;
using VoicePlatform.Benchmarks.Measurement;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Live;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.ApiKeys;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Benchmarks.Supervision;

/// <summary>
/// Supervisors watching a live floor: <c>supervision [--clients 50] [--rate 200] [--seconds 20] [--rounds 3] [--warmup 1] [--calls 20]</c>.
/// The platform as in production (a silo on PostgreSQL, the API host as its client); live calls in the emulator; 50
/// .NET SignalR supervisors in a process of their own plus one real browser (Debian's Chromium on <c>/live</c>), all
/// subscribed to the tenant's floor. Transcript segments are added to the calls at a fixed rate (the grain stores each
/// and publishes it), and every supervisor's delay from the grain's publication to its arrival is measured — for the
/// browser, when Chromium receives the WebSocket frame. Also the API host's memory per connected supervisor.
/// </summary>
public static class SupervisionBenchmark
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var clients = options.Int("clients", 50);
        var rate = options.Int("rate", 200);
        var seconds = options.Int("seconds", 20);
        var rounds = options.Int("rounds", 3);
        var warmup = options.Int("warmup", 1);
        var callCount = options.Int("calls", 20);

        var connectionString = await PostgresServer.CreateDatabaseAsync("bench_supervision");
        await using var platform = await BenchPlatform.StartAsync(connectionString, o =>
        {
            // Answered at once, and nobody hangs up: the calls stay live for the whole run.
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=0" }];
            o.AgentWorker.Enabled = false;
        });
        var grains = platform.Silo.Grains;
        var tenant = await BenchTenant.CreateAsync(platform.Silo, "+14155550100", concurrencyLimit: callCount + 10);
        var calls = new List<CallId>();
        for (var i = 0; i < callCount; i++)
        {
            var id = PrefixedId.New<CallId>();
            await grains.GetCall(tenant.Id, id).PlaceAsync(new PlaceCall { AgentId = tenant.Agent, To = $"+1628555{i:D4}" });
            calls.Add(id);
        }
        foreach (var id in calls)
            while ((await grains.GetCall(tenant.Id, id).GetAsync())?.Status != CallStatus.Answered) await Task.Delay(50);
        var key = (await grains.GetTenant(tenant.Id).IssueApiKeyAsync(new IssueApiKey { Name = "floor", Role = ApiKeyRole.Supervisor, IssuedBy = "benchmark" })).Token!;

        Console.WriteLine($"supervision benchmark: {clients} .NET supervisors (own process) + 1 Chromium on /live, {rate} events/s for {seconds} s × {rounds} rounds over {callCount} live calls");
        var before = MemoryNow();

        var start = SelfProcess.StartInfo(["supervision-clients", "--url", platform.ApiUrl, "--key", key, "--clients", clients.ToString()]);
        start.RedirectStandardInput = true;
        start.RedirectStandardError = false;
        using var generator = Process.Start(start)!;
        while (await generator.StandardOutput.ReadLineAsync() is { } line && line != "READY") { }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true });
        var page = await browser.NewPageAsync();
        var browserDelays = new ConcurrentBag<double>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            var received = DateTimeOffset.UtcNow;
            foreach (var message in (frame.Text ?? "").Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
            {
                using var json = JsonDocument.Parse(message);
                if (json.RootElement.TryGetProperty("target", out var target) && target.GetString() == "event")
                    browserDelays.Add((received - json.RootElement.GetProperty("arguments")[0].GetProperty("at").GetDateTimeOffset()).TotalMilliseconds);
            }
        };
        await page.GotoAsync(platform.ApiUrl + "/live");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 60_000 });

        // The floor the hub cannot beat, measured in the same run: the same events at the API host's own Orleans
        // subscription to the tenant's stream, before SignalR and the network to the supervisors.
        var streamDelays = new ConcurrentBag<double>();
        var subscription = await platform.ApiServices.GetRequiredService<IClusterClient>().GetStreamProvider(LiveStreamIds.Provider)
            .GetStream<LiveEvent>(LiveStreamIds.Tenant(tenant.Id))
            .SubscribeAsync((e, _) =>
            {
                streamDelays.Add((DateTimeOffset.UtcNow - e.At).TotalMilliseconds);
                return Task.CompletedTask;
            });

        var after = MemoryNow();
        var supervisors = clients + 1;
        Console.WriteLine($"platform process memory with {supervisors} supervisors connected and subscribed: managed +{(after.Managed - before.Managed) / 1024.0 / supervisors:F1} KiB per supervisor, " +
            $"resident +{(after.Resident - before.Resident) / 1024.0 / supervisors:F1} KiB per supervisor (managed {before.Managed / 1048576.0:F1} → {after.Managed / 1048576.0:F1} MiB, resident {before.Resident / 1048576.0:F1} → {after.Resident / 1048576.0:F1} MiB)");

        var p50s = new List<double>();
        var p99s = new List<double>();
        var browserP50s = new List<double>();
        var browserP99s = new List<double>();
        var streamP50s = new List<double>();
        var streamP99s = new List<double>();
        for (var round = 1 - warmup; round <= rounds; round++)
        {
            var counted = round >= 1;
            browserDelays.Clear();
            streamDelays.Clear();
            await generator.StandardInput.WriteLineAsync("report");   // starts the round's count afresh
            await generator.StandardOutput.ReadLineAsync();
            var published = await PublishAsync(grains, tenant.Id, calls, rate, TimeSpan.FromSeconds(seconds), round);
            // Everything published has had a second to arrive.
            await Task.Delay(TimeSpan.FromSeconds(1));
            await generator.StandardInput.WriteLineAsync("report");
            var result = JsonDocument.Parse((await generator.StandardOutput.ReadLineAsync())!["RESULT ".Length..]).RootElement;
            var browserSorted = browserDelays.Order().ToArray();
            var streamSorted = streamDelays.Order().ToArray();
            var (sp50, sp99) = streamSorted.Length == 0 ? (-1, -1) : (Statistics.Percentile(streamSorted, 50), Statistics.Percentile(streamSorted, 99));
            var (p50, p99) = (result.GetProperty("p50").GetDouble(), result.GetProperty("p99").GetDouble());
            if (counted)
            {
                p50s.Add(p50);
                p99s.Add(p99);
            }
            var (bp50, bp99) = browserSorted.Length == 0 ? (-1, -1) : (Statistics.Percentile(browserSorted, 50), Statistics.Percentile(browserSorted, 99));
            if (counted)
            {
                browserP50s.Add(bp50);
                browserP99s.Add(bp99);
                streamP50s.Add(sp50);
                streamP99s.Add(sp99);
            }
            Console.WriteLine($"{(counted ? $"round {round}" : "warm-up (not counted)")}: published {published} ({published / (double)seconds:F0}/s); .NET supervisors received {result.GetProperty("events").GetInt32()} " +
                $"(expected {published * clients}), p50 {p50:F1} ms, p99 {p99:F1} ms, max {result.GetProperty("max").GetDouble():F1} ms, resyncs {result.GetProperty("resyncs").GetInt32()}; " +
                $"browser received {browserSorted.Length}, p50 {bp50:F1} ms, p99 {bp99:F1} ms; " +
                $"floor (the API host's own stream subscription) {streamSorted.Length}, p50 {sp50:F1} ms, p99 {sp99:F1} ms");
        }

        await generator.StandardInput.WriteLineAsync("stop");
        await generator.WaitForExitAsync();
        Console.WriteLine();
        Console.WriteLine($"median of rounds: .NET supervisors p50 {Statistics.Median(p50s):F1} ms, p99 {Statistics.Median(p99s):F1} ms (goal p99 ≤ 100 ms); " +
            $"browser p50 {Statistics.Median(browserP50s):F1} ms, p99 {Statistics.Median(browserP99s):F1} ms; " +
            $"floor measured in the same run (grain → the API host's stream subscription) p50 {Statistics.Median(streamP50s):F1} ms, p99 {Statistics.Median(streamP99s):F1} ms");
        Figures.Emit("supervision.latency.p99", p99s, "ms", $"{clients} supervisors, {rate} events/s");
        Figures.Emit("supervision.latency.browser.p99", browserP99s, "ms");
        Figures.Emit("supervision.latency.floor.p99", streamP99s, "ms");
        await subscription.UnsubscribeAsync();
        return 0;
    }

    /// <summary>One transcript segment every 1/<paramref name="rate"/> s, round-robin over the calls, for <paramref name="duration"/>.</summary>
    private static async Task<int> PublishAsync(IGrainFactory grains, TenantId tenant, IReadOnlyList<CallId> calls, int rate, TimeSpan duration, int round)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate));
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        var published = 0;
        while (clock.Elapsed < duration && await timer.WaitForNextTickAsync())
        {
            // Ticks a busy machine missed are made up, so the rate holds on average.
            var due = (int)(clock.Elapsed.TotalSeconds * rate) - published;
            for (var i = 0; i < due; i++, published++)
            {
                var call = calls[published % calls.Count];
                pending.Add(grains.GetCall(tenant, call).AddTranscriptAsync(
                [
                    new TranscriptSegment { Id = $"r{round}-{published}", Speaker = Speaker.Agent, Text = "Thanks for taking my call — do you have a minute to talk about your appointment?", StartMs = published, EndMs = published + 1, Final = true },
                ]));
            }
        }
        await Task.WhenAll(pending);
        return published;
    }

    private static (long Managed, long Resident) MemoryNow()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }
}
