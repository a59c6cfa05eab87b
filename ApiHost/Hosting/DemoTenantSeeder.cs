using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VoicePlatform.Agents;
using VoicePlatform.ApiKeys;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Personas;
using VoicePlatform.Pricing;
using VoicePlatform.Silo.Operations;
using VoicePlatform.Silo.Security;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// All-in-one development mode only: once the host listens, creates a demo tenant with an admin key and
/// prints everything a developer needs to start calling the API.
/// </summary>
public sealed class DemoTenantSeeder(
    IHostApplicationLifetime lifetime,
    IServer server,
    IGrainFactory grains,
    OperatorCredential operatorCredential,
    IServiceProvider services,
    ILogger<DemoTenantSeeder> logger) : BackgroundService
{
    public static readonly TenantId DemoTenantId = TenantId.FromIdempotencyKey("demo-tenant");

    /// <summary>The demo wallet's opening top-up in minor units (100.00 in the demo tenant's USD).</summary>
    public const long DemoOpeningBalance = 10_000;

    private string LiveKitLine() => services.GetService<EmbeddedLiveKitEmulator>() is { } emulator
        ? $"{emulator.Url}   (embedded LiveKit emulator: simulated SIP, signed webhooks)"
        : "as configured in LiveKit:Url";

    /// <summary>The demo agent (receptionist "Ava" of the brand "Bright Smile Dental"), ready to call.</summary>
    public static readonly AgentId DemoAgentId = PrefixedId.Derive<AgentId>("demo-agent");

    /// <summary>The demo caller id, on a SIP trunk created in the embedded emulator.</summary>
    public const string DemoCallerId = "+15125550100";

    /// <summary>The demo tenant's admin key, once seeded (tests and the banner read it).</summary>
    public string? DemoApiKey { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        // Before the key is handed out, so the demo tenant can estimate and place calls from its first request.
        await grains.GetPriceBook(DefaultPriceBook.Currency).PublishAsync(DefaultPriceBook.Publish);
        var tenant = grains.GetTenant(DemoTenantId);
        await tenant.CreateAsync(new CreateTenant { Name = "Demo Agency", Settings = TenantSettings.Default with { DefaultTimeZone = "America/New_York" } });
        // A fixed key: the opening top-up is credited once however often the host restarts on the same storage.
        await grains.GetWallet(DemoTenantId).CreditAsync(new WalletCredit
        {
            Kind = CreditKind.TopUp, Amount = DemoOpeningBalance, IdempotencyKey = "credit:demo-opening-balance", Actor = "development-mode",
            Note = "Opening balance of the demo tenant, so demo calls can be paid",
        });
        var canCall = await SeedCallingAsync();
        var key = await tenant.IssueApiKeyAsync(new IssueApiKey { Name = "demo admin", Role = ApiKeyRole.TenantAdmin, IssuedBy = "development-mode" });
        DemoApiKey = key.Token;

        var baseUrl = (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? ApiHostApplication.DefaultDevelopmentUrl).TrimEnd('/');
        logger.LogInformation("Demo tenant {TenantId} seeded with key {KeyId}", DemoTenantId, key.Key!.KeyId);
        Console.WriteLine($"""

            ================= VoicePlatform: all-in-one development mode =================
              In-process silo with in-memory storage, reminders and streams (nothing persists).
              API base        {baseUrl}
              API reference   {baseUrl}/api-reference
              OpenAPI         {baseUrl}/openapi/v1.json
              Dashboard       {baseUrl}{OperationsEndpoints.DashboardPath}   (user '{OperatorCredential.BasicUserName}', password = operator key)
              Metrics         {baseUrl}/metrics
              Health          {baseUrl}/health/ready
              LiveKit         {LiveKitLine()}
              Operator key    {(operatorCredential.Generated ? operatorCredential.Secret : "(from Operator:ApiKey)")}
              Demo tenant     {DemoTenantId}  (Demo Agency)
              Demo API key    {key.Token}
              Try it:
                curl -H "Authorization: Bearer {key.Token}" {baseUrl}/api/tenant
            {(canCall ? DemoCallLines(baseUrl, key.Token!) : "")}===============================================================================

            """);
    }

    /// <summary>
    /// With the embedded emulator, a demo agent the developer can call with at once: a brand, a receptionist persona,
    /// an active agent, a trunk in the emulator and a caller id — all with fixed ids, so a restart changes nothing.
    /// </summary>
    private async Task<bool> SeedCallingAsync()
    {
        if (services.GetService<EmbeddedLiveKitEmulator>() is null || services.GetService<LiveKitClient>() is not { } liveKit) return false;
        if (await grains.GetAgent(DemoTenantId, DemoAgentId).GetAsync() is not null) return true;
        var brand = PrefixedId.Derive<BrandId>("demo-brand");
        var persona = PrefixedId.Derive<PersonaId>("demo-persona");
        var trunk = PrefixedId.Derive<SipTrunkId>("demo-trunk");

        await grains.GetBrand(DemoTenantId, brand).CreateAsync(new BrandProfile { CompanyName = "Bright Smile Dental", Industry = "Dental care" });
        await grains.GetPersona(DemoTenantId, persona).CreateFromTemplateAsync(brand, "receptionist", "Ava");
        await grains.GetAgent(DemoTenantId, DemoAgentId).CreateAsync(persona, new AgentSettings
        {
            Name = "Ava (demo)", Status = AgentStatus.Active, Greeting = "Hi {{first_name}}, this is Ava from Bright Smile Dental. Is now a good time?",
        });
        var liveKitTrunk = await liveKit.CreateSipOutboundTrunkAsync(new LiveKitSipOutboundTrunk { Name = "demo", Address = "sip.example.test", Numbers = [DemoCallerId] });
        await grains.GetSipTrunk(DemoTenantId, trunk).CreateAsync(new SipTrunkSettings
        {
            LiveKitTrunkId = liveKitTrunk.SipTrunkId!, Name = "Demo trunk (emulator)", Numbers = [DemoCallerId], MaxConcurrentCalls = 20, CallsPerSecond = 5,
        });
        await grains.GetPhoneNumber(DemoTenantId, PrefixedId.Derive<PhoneNumberId>("demo-number")).CreateAsync(new PhoneNumberSettings
        {
            Number = DemoCallerId, Label = "Demo main line", AssignedAgentId = DemoAgentId, TrunkId = trunk,
        });
        return true;
    }

    private static string DemoCallLines(string baseUrl, string key) =>
        "  Place a demo call (the emulator answers; its scripted agent worker talks):\n" +
        $"    curl -X POST -H \"Authorization: Bearer {key}\" -H \"Content-Type: application/json\" \\\n" +
        $"      -d '{{\"agentId\":\"{DemoAgentId}\",\"to\":\"+15125550123\",\"variables\":{{\"first_name\":\"Maria\"}}}}' {baseUrl}/api/calls\n" +
        $"  then GET {baseUrl}/api/calls/<id>, /transcript, /events and /cost with the same key.\n";
}
