using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Agents;
using VoicePlatform.LiveKitEmulator.Auth;
using VoicePlatform.LiveKitEmulator.Dispatch;
using VoicePlatform.LiveKitEmulator.Egress;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.LiveKitEmulator.Twirp;
using VoicePlatform.LiveKitEmulator.Webhooks;

namespace VoicePlatform.LiveKitEmulator.Hosting;

/// <summary>
/// Builds the emulator as a <see cref="WebApplication"/>: standalone from <c>Program.cs</c>, or in-process
/// (tests, the platform's all-in-one development mode) on <c>http://127.0.0.1:0</c>.
/// </summary>
public static class LiveKitEmulatorHost
{
    /// <param name="args">command-line arguments (<c>--urls</c>, <c>--LiveKitEmulator:ApiKey</c>, …).</param>
    /// <param name="configure">applied after configuration binding; wins over every other source.</param>
    /// <param name="configureServices">replaces services, for example a fake <see cref="TimeProvider"/> in tests.</param>
    public static WebApplication Build(string[] args, Action<LiveKitEmulatorOptions>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(LiveKitEmulatorHost).Assembly.GetName().Name,
        });

        var options = new LiveKitEmulatorOptions();
        builder.Configuration.GetSection(LiveKitEmulatorOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        options.Validate();

        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EmulatorClock>();
        services.AddSingleton<AccessTokenVerifier>();
        services.AddSingleton<Twirp.ApiFaultInjector>();
        services.AddSingleton<WebhookPublisher>();
        services.AddHostedService<WebhookDeliveryService>();
        services.AddHttpClient(WebhookDeliveryService.HttpClientName);
        services.AddSingleton<RoomStore>();
        services.AddSingleton<DispatchStore>();
        services.AddSingleton<EgressStore>();
        services.AddSingleton<SipTrunkStore>();
        services.AddSingleton<SipDispatchRuleStore>();
        services.AddSingleton<InboundCallSimulator>();
        services.AddHostedService<InboundTrafficGenerator>();
        services.AddSingleton<SipOutcomePicker>();
        services.AddSingleton<SipCallSimulator>();
        if (options.AgentWorker.Enabled)
        {
            // One instance in both roles: dispatches start calls on it, and host shutdown stops them.
            services.AddSingleton<ScriptedAgentWorker>();
            services.AddSingleton<IAgentDispatchHandler>(sp => sp.GetRequiredService<ScriptedAgentWorker>());
            services.AddHostedService(sp => sp.GetRequiredService<ScriptedAgentWorker>());
            services.AddHttpClient(ScriptedAgentWorker.HttpClientName, client => client.Timeout = options.AgentWorker.RequestTimeout);
        }

        services.AddSingleton(new TwirpRouter()
            .MapRoomService()
            .MapSipService()
            .MapAgentDispatchService()
            .MapEgressService());
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.MapTwirp();
        app.MapGet("/", () => "OK");
        app.MapInboundCalls();
        return app;
    }
}
