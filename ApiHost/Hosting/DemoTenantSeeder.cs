using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VoicePlatform.Agents;
using VoicePlatform.ApiKeys;
using VoicePlatform.Brands;
using VoicePlatform.Campaigns;
using VoicePlatform.Leads;
using VoicePlatform.Common;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Personas;
using VoicePlatform.Pricing;
using VoicePlatform.Silo.Operations;
using VoicePlatform.Silo.Security;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Users;
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

    /// <summary>The demo reception line: callers who ring it are answered by <see cref="DemoReceptionistId"/>.</summary>
    public const string DemoInboundNumber = "+15125550199";

    /// <summary>The demo's inbound agent, "Ava" at the reception desk of the same brand.</summary>
    public static readonly AgentId DemoReceptionistId = PrefixedId.Derive<AgentId>("demo-receptionist");

    /// <summary>The demo campaign: a few dozen leads across time zones around the world, created in draft.</summary>
    public static readonly CampaignId DemoCampaignId = PrefixedId.Derive<CampaignId>("demo-campaign");

    /// <summary>
    /// Where the demo leads are: places whose 08:00–21:00 together cover every hour of the UTC day, so whenever the demo
    /// is started some of its leads are lawful to call at once (no clock offset: the demo runs on real time), and the
    /// others are dialed when their own mornings come.
    /// </summary>
    private static readonly (string Place, string Prefix)[] DemoLeadPlaces =
    [
        ("New York", "+1212555"), ("Chicago", "+1312555"), ("Denver", "+1303555"), ("Los Angeles", "+1213555"), ("Honolulu", "+1808555"),
        ("London", "+44207946"), ("Mumbai", "+91982000"), ("Sydney", "+6129374"),
    ];

    /// <summary>The demo tenant's admin key, once seeded (tests and the banner read it).</summary>
    public string? DemoApiKey { get; private set; }

    /// <summary>The person the demo invites as the demo tenant's first console admin.</summary>
    public const string DemoAdminEmail = "admin@demo.example";

    /// <summary>The invitation link for <see cref="DemoAdminEmail"/>, once seeded (null when that email already has an account).</summary>
    public string? DemoInvitationLink { get; private set; }

    /// <summary>An invitation link to sign in to the console as the operator, once seeded.</summary>
    public string? OperatorInvitationLink { get; private set; }

    /// <summary>The person the demo invites as the platform's operator in the console.</summary>
    public const string OperatorEmail = "operator@demo.example";

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
        var demoLeads = canCall ? await SeedCampaignAsync() : 0;
        var canRing = canCall && await SeedReceptionAsync();
        var key = await tenant.IssueApiKeyAsync(new IssueApiKey { Name = "demo admin", Role = ApiKeyRole.TenantAdmin, IssuedBy = "development-mode" });
        var baseUrl = (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? ApiHostApplication.DefaultDevelopmentUrl).TrimEnd('/');
        DemoInvitationLink = await InviteAsync(grains.GetUserDirectory(DemoTenantId), DemoAdminEmail, UserRole.TenantAdmin, baseUrl);
        OperatorInvitationLink = await InviteAsync(grains.GetUserDirectory(null), OperatorEmail, UserRole.Operator, baseUrl);
        // Last: whoever waits for the key (the tests) finds everything else seeded.
        DemoApiKey = key.Token;
        logger.LogInformation("Demo tenant {TenantId} seeded with key {KeyId}", DemoTenantId, key.Key!.KeyId);
        Console.WriteLine($"""

            ================= VoicePlatform: all-in-one development mode =================
              In-process silo with in-memory storage, reminders and streams (nothing persists).
              API base        {baseUrl}
              API reference   {baseUrl}/api-reference
              Console         {baseUrl}{ConsolePage.Path}   (open the invitation below, choose a password)
              Live wallboard  {baseUrl}{Wallboard.Path}   (sign in with the demo API key below)
              OpenAPI         {baseUrl}/openapi/v1.json
              Dashboard       {baseUrl}{OperationsEndpoints.DashboardPath}   (user '{OperatorCredential.BasicUserName}', password = operator key)
              Metrics         {baseUrl}/metrics   (Authorization: Bearer <operator key>)
              Health          {baseUrl}/health/ready
              LiveKit         {LiveKitLine()}
              Operator key    {(operatorCredential.Generated ? operatorCredential.Secret : "(from Operator:ApiKey)")}
              Demo tenant     {DemoTenantId}  (Demo Agency)
              Demo API key    {key.Token}
              Admin invite    {DemoInvitationLink ?? $"({DemoAdminEmail} has an account: sign in)"}
              Operator invite {OperatorInvitationLink ?? $"({OperatorEmail} has an account: sign in)"}
              Try it:
                curl -H "Authorization: Bearer {key.Token}" {baseUrl}/api/tenant
            {(canCall ? DemoCallLines(baseUrl, key.Token!) : "")}{(canRing ? DemoRingLines(baseUrl) : "")}{(demoLeads > 0 ? DemoCampaignLines(baseUrl, key.Token!, demoLeads) : "")}===============================================================================

            """);
    }

    /// <summary>An invitation link for a demo person; null when that email already has an account (storage kept from a past run).</summary>
    private static async Task<string?> InviteAsync(IUserDirectoryGrain directory, string email, UserRole role, string baseUrl)
    {
        var invited = await directory.InviteAsync(new InviteUser { Email = email, Role = role, InvitedBy = "development-mode" });
        return invited.Value is { } created ? InvitationToken.Link(new Uri(baseUrl), created.Token) : null;
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

    /// <summary>
    /// With the embedded emulator, the demo reception line: a receptionist agent and a number that answers with it at all
    /// hours (its LiveKit dispatch rule is made in the emulator as the number is saved). Fixed ids, so a restart changes nothing.
    /// </summary>
    private async Task<bool> SeedReceptionAsync()
    {
        var number = grains.GetPhoneNumber(DemoTenantId, PrefixedId.Derive<PhoneNumberId>("demo-reception-number"));
        if (await number.GetAsync() is { LiveKitDispatchRuleId: not null }) return true;
        var persona = PrefixedId.Derive<PersonaId>("demo-persona");
        if (await grains.GetAgent(DemoTenantId, DemoReceptionistId).GetAsync() is null)
            await grains.GetAgent(DemoTenantId, DemoReceptionistId).CreateAsync(persona, new AgentSettings
            {
                Name = "Ava at reception (demo)", Status = AgentStatus.Active, Direction = AgentDirection.Inbound,
                Greeting = "Bright Smile Dental, this is Ava. How can I help you today?",
            });
        var saved = await number.CreateAsync(new PhoneNumberSettings
        {
            Number = DemoInboundNumber, Label = "Demo reception line", Inbound = new InboundRouting { AgentId = DemoReceptionistId, TimeZone = "America/Chicago" },
        });
        return saved.Value?.LiveKitDispatchRuleId is not null;
    }

    private string DemoRingLines(string baseUrl) =>
        "  Ring the demo reception line (the emulator plays the caller; Ava answers it):\n" +
        $"    curl -X POST -H \"Content-Type: application/json\" -d '{{\"from\":\"+15125550142\",\"to\":\"{DemoInboundNumber}\"}}' {services.GetRequiredService<EmbeddedLiveKitEmulator>().Url}/emulator/inbound-calls\n" +
        $"  then GET {baseUrl}/api/calls?direction=inbound with the same key.\n";

    /// <summary>
    /// The demo campaign in draft with its leads: every day 08:00–21:00 in each lead's own zone, three calls at a time.
    /// Fixed ids and an idempotent import, so a restart on the same storage changes nothing.
    /// </summary>
    private async Task<int> SeedCampaignAsync()
    {
        var campaign = grains.GetCampaign(DemoTenantId, DemoCampaignId);
        if (await campaign.GetAsync() is null)
        {
            var created = await campaign.CreateAsync(new CampaignSettings
            {
                Name = "Demo: dental check-up reminders",
                AgentId = DemoAgentId,
                Windows = [new CallWindow { Days = Enum.GetValues<DayOfWeek>(), StartMinute = 8 * 60, EndMinute = 21 * 60 }],
                Pacing = new CampaignPacing { MaxConcurrentCalls = 3, MaxDialsPerMinute = 10 },
                AutoResume = true,
            });
            if (created.Outcome != WriteOutcome.Created && created.Outcome != WriteOutcome.Ok)
            {
                logger.LogWarning("Demo campaign not created: {Outcome} {Detail}", created.Outcome, created.Detail);
                return 0;
            }
        }
        var rows = DemoLeadPlaces.SelectMany(place => Enumerable.Range(1, 4).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["phone"] = $"{place.Prefix}{i + 100:0000}",
            ["name"] = $"Demo patient {i} in {place.Place}",
            ["consentAt"] = "2026-01-15T10:00:00Z",
            ["consentSource"] = "demo sign-up form",
            ["variables.first_name"] = $"Patient {i}",
            ["variables.city"] = place.Place,
        })).ToList();
        var imported = await campaign.ImportLeadsAsync(new LeadImportSource { Rows = rows });
        if (imported.Value is not { } report) return 0;
        foreach (var problem in report.Rejected) logger.LogWarning("Demo lead row {Row} rejected: {Field} {Reason}", problem.Row, problem.Field, problem.Reason);
        return report.LeadsByStatus.Values.Sum();
    }

    private static string DemoCampaignLines(string baseUrl, string key, int leads) =>
        $"  Demo campaign {DemoCampaignId}: {leads} leads in {string.Join(", ", DemoLeadPlaces.Select(p => p.Place))},\n" +
        "    each dialed only inside 08:00-21:00 of its own zone and its calling rules (some are callable at any hour). Start it:\n" +
        $"    curl -X POST -H \"Authorization: Bearer {key}\" {baseUrl}/api/campaigns/{DemoCampaignId}/start\n" +
        $"  then GET {baseUrl}/api/campaigns/{DemoCampaignId} (progress, why it is not dialing) and .../leads.\n";

    private static string DemoCallLines(string baseUrl, string key) =>
        "  Place a demo call (the emulator answers; its scripted agent worker talks):\n" +
        $"    curl -X POST -H \"Authorization: Bearer {key}\" -H \"Content-Type: application/json\" \\\n" +
        $"      -d '{{\"agentId\":\"{DemoAgentId}\",\"to\":\"+15125550123\",\"variables\":{{\"first_name\":\"Maria\"}}}}' {baseUrl}/api/calls\n" +
        $"  then GET {baseUrl}/api/calls/<id>, /transcript, /events and /cost with the same key.\n";
}
