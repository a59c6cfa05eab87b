using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using VoicePlatform.Agents;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Personas;
using VoicePlatform.Pricing;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.LiveKitEmulator;
using VoicePlatform.Wallets;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// A live call outlives a full cluster restart on PostgreSQL, and the cluster's live-call sweep alone (one reminder,
/// reading the call-record projection) brings its watchdog back.
/// </summary>
public sealed class LiveCallRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ACallThatEndedWhileTheClusterWasDownIsClosedByTheSweepAfterARestart()
    {
        await using var emulator = await EmulatorUnderTest.StartAsync(o =>
        {
            o.TimeAcceleration = 20;
            o.Sip.Rules = [new SipOutcomeRule { Pattern = "*", Outcome = "answer;ring=1" }];
        });
        var liveKit = new LiveKitClient(new HttpClient(),
            Options.Create(new LiveKitOptions { Url = emulator.BaseUrl, ApiKey = TestTokens.ApiKey, ApiSecret = TestTokens.ApiSecret }),
            TimeProvider.System, NullLogger<LiveKitClient>.Instance);
        var liveKitTrunk = await liveKit.CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "t", Address = "sip.example.test", Numbers = ["+16502530000"] });
        var properties = new Dictionary<string, string>
        {
            ["LiveKit:Url"] = emulator.BaseUrl,
            ["LiveKit:ApiKey"] = TestTokens.ApiKey,
            ["LiveKit:ApiSecret"] = TestTokens.ApiSecret,
        };

        var connectionString = await PostgresServer.CreateDatabaseAsync("livecall");
        var tenant = TenantId.New();
        var call = PrefixedId.New<CallId>();

        var first = PostgresClusterBuilder.Build(connectionString, "livecall-svc", properties: properties);
        await first.DeployAsync();
        var grains = first.GrainFactory;
        var brand = PrefixedId.New<BrandId>();
        var persona = PrefixedId.New<PersonaId>();
        var agent = PrefixedId.New<AgentId>();
        var trunk = PrefixedId.New<SipTrunkId>();
        await grains.GetTenant(tenant).CreateAsync(new CreateTenant { Name = "Restart Co", Settings = TenantSettings.Default });
        await grains.GetPriceBook(DefaultPriceBook.Currency).PublishAsync(DefaultPriceBook.Publish);
        await grains.GetGrain<IWalletGrain>(tenant.Value).CreditAsync(new WalletCredit { Kind = CreditKind.TopUp, Amount = 10_000, IdempotencyKey = "top-up", Actor = "operator" });
        await grains.GetBrand(tenant, brand).CreateAsync(new BrandProfile { CompanyName = "Restart Co" });
        await grains.GetPersona(tenant, persona).CreateFromTemplateAsync(brand, "receptionist", null);
        await grains.GetAgent(tenant, agent).CreateAsync(persona, new AgentSettings { Name = "Caller", Status = AgentStatus.Active });
        await grains.GetSipTrunk(tenant, trunk).CreateAsync(new SipTrunkSettings
        {
            LiveKitTrunkId = liveKitTrunk.SipTrunkId!, Name = "Main", Numbers = ["+16502530000"], MaxConcurrentCalls = 5, CallsPerSecond = 1,
        });
        await grains.GetPhoneNumber(tenant, PrefixedId.New<PhoneNumberId>()).CreateAsync(new PhoneNumberSettings
        {
            Number = "+16502530000", AssignedAgentId = agent, TrunkId = trunk,
        });

        await grains.GetCall(tenant, call).PlaceAsync(new PlaceCall { AgentId = agent, To = "+14155550123" });
        await WaitAsync(async () => (await grains.GetCall(tenant, call).GetAsync())!.Status == CallStatus.Answered, "the call was answered");
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        // While the cluster is down the call ends at LiveKit, and its webhooks reach no one.
        var room = Assert.Single(await liveKit.ListRoomsAsync());
        await liveKit.DeleteRoomAsync(room.Name);

        var second = PostgresClusterBuilder.Build(connectionString, "livecall-svc", properties: properties);
        await second.DeployAsync();
        try
        {
            // Watch the stored row, not the grain: asking the grain would activate it and prove nothing about the sweep.
            await WaitAsync(async () => (await StoredCallJsonAsync(connectionString, tenant, call)).Contains("\"status\":\"ended\""), "the sweep woke the call and its watchdog ended it");
            var ended = await second.GrainFactory.GetCall(tenant, call).GetAsync();
            Assert.Equal(CallStatus.Ended, ended!.Status);
            Assert.NotNull(ended.AnsweredAt);
            // The list shows it ended too, and the only reminder is the cluster's sweep: none per call.
            Assert.Equal("ended", await ScalarAsync(connectionString, "SELECT status FROM call_records WHERE call_id = @call", call.Value));
            Assert.Equal("0", await ScalarAsync(connectionString, "SELECT count(*)::text FROM orleans_reminder WHERE grain_id LIKE '%' || @call || '%'", call.Value));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task<string> StoredCallJsonAsync(string connectionString, TenantId tenant, CallId call)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payload_binary, 'UTF8') FROM orleans_grain_state WHERE grain_id_extension_string = @key AND payload_binary IS NOT NULL", connection);
        command.Parameters.AddWithValue("key", TenantScopedKey.Format(tenant, call));
        return (string?)await command.ExecuteScalarAsync() ?? "";
    }

    private static async Task<string?> ScalarAsync(string connectionString, string sql, string call)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("call", call);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }
}
