using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Webhooks;

using static VoicePlatform.Tests.Calls.CallTestSupport;

namespace VoicePlatform.Tests.Protection;

/// <summary>The all-in-one host logging at Debug (Trace for the platform, ASP.NET Core and HttpClient), every line kept in memory.</summary>
public sealed class LoggedHostFixture : ApiHostFixture
{
    public const string Answers = "+15125550144";

    public ConcurrentQueue<string> Lines { get; } = new();

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--Logging:LogLevel:Default", "Debug",
        "--Logging:LogLevel:VoicePlatform", "Trace",
        "--Logging:LogLevel:Microsoft.AspNetCore", "Trace",
        "--Logging:LogLevel:System.Net.Http", "Trace",
        "--LiveKitEmulator:AgentWorker:Enabled", "true",
        "--LiveKitEmulator:Sip:Rules:0:Pattern", Answers,
        "--LiveKitEmulator:Sip:Rules:0:Outcome", "answer;ring=0.2;hangup=2",
    ];

    protected override void Configure(WebApplicationBuilder builder) => builder.Logging.AddProvider(new CapturingLoggerProvider(Lines));

    public VoicePlatform.LiveKitEmulator.Dispatch.DispatchStore Dispatches =>
        App.Services.GetRequiredService<EmbeddedLiveKitEmulator>().Services.GetRequiredService<VoicePlatform.LiveKitEmulator.Dispatch.DispatchStore>();

    /// <summary>Every message, its exception and the values of its state and scopes: whatever any log sink could write.</summary>
    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines, () => _scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines, Func<IExternalScopeProvider> scopes) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes().Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                    foreach (var (key, value) in values) line.Append($" {key}={value}");
                scopes().ForEachScope((scope, builder) => builder.Append($" [{scope}]"), line);
                lines.Enqueue(line.ToString());
            }
        }
    }
}

/// <summary>
/// A run through everything that handles a credential — the operator key, tenant API keys of every role, a live hub
/// token, a supervisor's LiveKit token, a webhook endpoint's secrets before and after rotation, LiveKit's API secret,
/// and a call's worker credential — with the host logging at Debug and below: none of them appears in any log line.
/// </summary>
public sealed class SecretsNotLoggedTests(LoggedHostFixture host) : IClassFixture<LoggedHostFixture>
{
    [Fact]
    public async Task NoKeyOrSecretTheRunCreatedAppearsInAnyLogLine()
    {
        var secrets = new Dictionary<string, string> { ["operator key"] = ApiHostFixture.OperatorKey };
        secrets["LiveKit API secret"] = host.App.Services.GetRequiredService<IConfiguration>()["LiveKit:ApiSecret"]!;

        var tenant = await host.TenantWithCallerIdAsync();
        secrets["tenant admin key"] = tenant.Admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var supervisorKey = await host.IssueKeyAsync(tenant.Id, "floor", "supervisor");
        secrets["supervisor key"] = supervisorKey;
        secrets["agent worker key"] = await host.IssueKeyAsync(tenant.Id, "worker", "agent-worker");
        // A wrong key is refused, and not logged either (it could be a real key with a typo).
        using var wrong = host.WithKey(supervisorKey[..^4] + "abcd");
        secrets["mistyped key"] = supervisorKey[..^4] + "abcd";
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/tenant")).StatusCode);

        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpoint, webhookSecret) = await tenant.Admin.RegisterAsync(receiver.Url);
        secrets["webhook secret"] = webhookSecret;
        var rotated = await (await tenant.Admin.PostAsJsonAsync($"api/webhooks/{endpoint}/rotate-secret", new { overlapSeconds = 600 })).ReadJsonAsync();
        secrets["rotated webhook secret"] = rotated.GetProperty("secret").GetString()!;

        using var supervisor = host.WithKey(supervisorKey);
        var hub = await (await supervisor.PostAsync("api/live/token", null)).ReadJsonAsync();
        secrets["live hub token"] = hub.GetProperty("token").GetString()!;

        // A SIP password the platform provisions a trunk with, then rotates: LiveKit gets them, no log line does.
        secrets["SIP trunk password"] = "sip-pw-" + Guid.NewGuid().ToString("N");
        secrets["rotated SIP trunk password"] = "sip-pw-" + Guid.NewGuid().ToString("N");
        var trunkNumber = VoicePlatform.Tests.Telephony.TestNumbers.Next();
        object TrunkBody(string password) => new
        {
            name = "Provisioned", numbers = new[] { trunkNumber }, maxConcurrentCalls = 5, callsPerSecond = 1,
            provider = new { address = "sip.carrier.example", authUsername = "acme", authPassword = password },
        };
        var provisioned = await tenant.Admin.PostAsJsonAsync("api/sip-trunks", TrunkBody(secrets["SIP trunk password"]));
        Assert.Equal(System.Net.HttpStatusCode.Created, provisioned.StatusCode);
        var trunkId = (await provisioned.ReadJsonAsync()).GetProperty("id").GetString();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await tenant.Admin.PutAsJsonAsync($"api/sip-trunks/{trunkId}", TrunkBody(secrets["rotated SIP trunk password"]))).StatusCode);
        // A refused one too (a bad address), whose password is in a request that changed nothing.
        var refused = await tenant.Admin.PostAsJsonAsync("api/sip-trunks", new
        {
            name = "Refused", numbers = new[] { trunkNumber }, maxConcurrentCalls = 5, callsPerSecond = 1,
            provider = new { address = "sip:bad@host", authUsername = "acme", authPassword = secrets["SIP trunk password"] },
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);

        var call = await PlaceAsync(tenant, LoggedHostFixture.Answers);
        await WaitUntilAsync(async () => (await GetAsync(tenant, Id(call))).GetProperty("status").GetString() == "answered");
        var dispatch = host.Dispatches.ForRoom(call.GetProperty("roomName").GetString()!).Single();
        secrets["call worker credential"] = Regex.Match(dispatch.Metadata, @"vpc\.[A-Za-z0-9_.\-]+").Value;
        var listen = await (await supervisor.PostAsync($"api/calls/{Id(call)}/listen", null)).ReadJsonAsync();
        secrets["supervisor LiveKit token"] = listen.GetProperty("participantToken").GetString()!;
        await WaitForAsync(tenant, call, c => c.GetProperty("status").GetString() == "ended");
        await receiver.WaitForAsync(all => all.Any(w => w.Type == "call.ended"), TimeSpan.FromSeconds(60));

        Assert.All(secrets.Values, s => Assert.True(s.Length >= 16, "every secret was found"));
        var log = string.Join('\n', host.Lines);
        Assert.True(host.Lines.Count > 1000, $"only {host.Lines.Count} lines were logged: the run logged too little to tell");
        foreach (var (what, secret) in secrets)
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"the {what} appears in the log");
        // Nor the secret half of a key on its own (keys are vpk_<id>_<secret>; the id may be logged).
        foreach (var key in new[] { secrets["tenant admin key"], supervisorKey })
            Assert.False(log.Contains(key[(key.LastIndexOf('_') + 1)..], StringComparison.Ordinal), "a key's secret part appears in the log");
    }
}
