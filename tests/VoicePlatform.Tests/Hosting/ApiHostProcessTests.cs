using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Hosting;

/// <summary>
/// The built ApiHost started as its own process from another working directory, as a deployed binary or a fresh
/// clone's <c>dotnet run --project ApiHost</c> is, and then left alone long enough for Orleans to collect every idle
/// activation (the collection age shortened to 5 s through the same setting an operator would use).
/// </summary>
public sealed partial class ApiHostProcessTests
{
    [Fact]
    public async Task StartedFromAnotherDirectoryAndLeftIdlePastTheCollectionAgeItStillServesTheDemoTenantAndPlacesTheDemoCall()
    {
        var elsewhere = Directory.CreateTempSubdirectory("vp-cwd-");
        var httpPort = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "VoicePlatform.ApiHost.dll"),
            "--urls", $"http://127.0.0.1:{httpPort}", "--Cluster:SiloPort", FreePorts.Next().ToString(), "--Cluster:GatewayPort", FreePorts.Next().ToString(),
            "--LiveKitEmulator:Port", FreePorts.Next().ToString(), "--Operator:ApiKey", ApiHostFixture.OperatorKey,
            "--Cluster:GrainCollectionAge", "00:00:05", "--LiveKitEmulator:TimeAcceleration", "10"])
        {
            WorkingDirectory = elsewhere.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var demoKey = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (output) output.AppendLine(line.Data);
            if (DemoKeyLine().Match(line.Data) is { Success: true } match) demoKey.TrySetResult(match.Groups[1].Value);
        };
        process.Start();
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(10) };
            await CallTestSupport.WaitUntilAsync(async () =>
            {
                if (process.HasExited) Assert.Fail($"the host exited early with {process.ExitCode}: {await errors}");
                try
                {
                    return (await anonymous.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            }, () => "the host became ready", TimeSpan.FromSeconds(90));
            for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/tenant")).StatusCode);

            var key = await demoKey.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var demo = new HttpClient { BaseAddress = anonymous.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            demo.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync($"api/agents/{DemoTenantSeeder.DemoAgentId}")).StatusCode);

            // Nothing touches the demo now: the host's own collector must take its activations away, as the
            // dashboard (the operator's view of activations per grain type) shows.
            using var dashboard = new HttpClient { BaseAddress = anonymous.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            dashboard.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{ApiHostFixture.OperatorKey}")));
            string[] demoGrains = ["AgentGrain", "PersonaGrain", "BrandGrain", "PhoneNumberGrain", "SipTrunkGrain", "TenantGrain", "ApiKeyGrain"];
            await CallTestSupport.WaitUntilAsync(async () =>
            {
                var counters = JsonDocument.Parse(await dashboard.GetStringAsync("dashboard/DashboardCounters")).RootElement;
                return counters.GetProperty("simpleGrainStats").EnumerateArray()
                    .Where(s => demoGrains.Any(g => s.GetProperty("grainType").GetString()!.EndsWith("." + g, StringComparison.Ordinal)))
                    .Sum(s => s.GetProperty("activationCount").GetInt32()) == 0;
            }, () => "the idle demo activations were collected", TimeSpan.FromSeconds(60));

            Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("api/tenant")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("api/sip-trunks")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("api/phone-numbers")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("api/pricing")).StatusCode);
            // The banner's demo call, exactly as printed.
            var placed = await demo.PostAsJsonAsync("api/calls", new
            {
                agentId = DemoTenantSeeder.DemoAgentId.Value, to = "+15125550123", variables = new Dictionary<string, string> { ["first_name"] = "Maria" },
            });
            Assert.True(placed.StatusCode == HttpStatusCode.Accepted, await placed.Content.ReadAsStringAsync());
            var callId = (await placed.ReadJsonAsync()).GetProperty("id").GetString();
            // The scripted worker talks for about 30 s of emulated time (3 s here) and hangs up: the call completes and is charged.
            JsonElement latest = default;
            await CallTestSupport.WaitUntilAsync(async () =>
            {
                latest = await (await demo.GetAsync($"api/calls/{callId}")).ReadJsonAsync();
                return latest.GetProperty("status").GetString() == "ended";
            }, () => $"the demo call ended: {latest}", TimeSpan.FromSeconds(60));
            Assert.Equal("completed", latest.GetProperty("endReason").GetString());
            var cost = await (await demo.GetAsync($"api/calls/{callId}/cost")).ReadJsonAsync();
            Assert.True(cost.GetProperty("cost").GetProperty("total").GetInt64() > 0, cost.ToString());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        string logged;
        lock (output) logged = output.ToString();
        // appsettings.json sets ASP.NET Core to Warning; without it every request is logged at information level.
        Assert.Contains("Demo API key", logged);
        Assert.DoesNotContain("Request starting", logged);
        // A quiet start: the frameworks (Orleans' option dumps, HTTP client request logs, hosting lifetime) log
        // warnings only, the project's own events come at information, and the banner is the last thing printed.
        var lines = logged.Split('\n', StringSplitOptions.TrimEntries);
        var bannerEnd = Array.FindIndex(lines, l => l.StartsWith("=====", StringComparison.Ordinal) && !l.Contains("VoicePlatform", StringComparison.Ordinal));
        Assert.True(bannerEnd > 0, logged);
        var startUp = lines[..bannerEnd];
        Assert.All(startUp.Where(l => l.Contains(" info: ", StringComparison.Ordinal)), l => Assert.Contains(" info: VoicePlatform.", l));
        Assert.True(startUp.Count(l => l.Contains(" info: ", StringComparison.Ordinal)) <= 20, string.Join('\n', startUp));
        // Scopes print their values: the correlation id of the request that placed the demo call.
        Assert.Contains("=> CorrelationId:", logged);
        Assert.DoesNotContain("System.Collections.Generic.Dictionary", logged);
        elsewhere.Delete(recursive: true);
    }

    [GeneratedRegex(@"Demo API key\s+(\S+)")]
    private static partial Regex DemoKeyLine();
}
