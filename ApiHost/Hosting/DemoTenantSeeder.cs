using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VoicePlatform.ApiKeys;
using VoicePlatform.Pricing;
using VoicePlatform.Silo.Operations;
using VoicePlatform.Silo.Security;
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
            ===============================================================================

            """);
    }
}
