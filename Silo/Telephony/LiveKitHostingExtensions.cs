using VoicePlatform.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Telephony.LiveKit;

namespace VoicePlatform.Silo.Telephony;

public static class LiveKitHostingExtensions
{
    /// <summary>
    /// The LiveKit client, token minter and webhook verifier, bound to <c>LiveKit:*</c> and validated at start-up
    /// (a bad URL or a missing secret stops the host with the setting's name).
    /// </summary>
    public static IServiceCollection AddLiveKit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LiveKitOptions>(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<LiveKitClient>();
        services.TryAddSingleton<LiveKitAccessTokenMinter>();
        services.TryAddSingleton<LiveKitWebhookVerifier>();
        services.TryAddSingleton<LiveKitJobTokenVerifier>();
        services.TryAddSingleton<LiveKitWebhookSigner>();
        return services;
    }

    public static bool IsLiveKitConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{LiveKitOptions.SectionName}:{nameof(LiveKitOptions.Url)}"]);
}
