using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.Silo.Database;
using VoicePlatform.Silo.Operations;
using VoicePlatform.Silo.Security;
using VoicePlatform.Silo.Telephony;

namespace VoicePlatform.Silo.Hosting;

/// <summary>
/// Turns a web host into a VoicePlatform silo. Used by the Silo program, and by ApiHost's all-in-one
/// development mode to run a silo in the same process.
/// </summary>
public static class SiloHostingExtensions
{
    public static ClusterSettings AddVoicePlatformSilo(this WebApplicationBuilder builder)
    {
        var settings = ClusterSettings.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (settings.MigrateOnStartup)
        {
            if (settings.IsDevelopment)
                throw new PlatformConfigurationException("Database:MigrateOnStartup", "needs ConnectionStrings:Postgres; development mode has no database.");
            // Registered before the silo so the schema exists before membership starts (hosted services start in order).
            builder.Services.AddHostedService<MigrateOnStartupService>();
        }
        // Telephony is optional until calls are placed: a silo without LiveKit settings serves everything else.
        if (builder.Configuration.IsLiveKitConfigured()) builder.Services.AddLiveKit(builder.Configuration);
        builder.UseOrleans(silo => silo.ConfigureVoicePlatform(settings));
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessHealthCheck>("silo", tags: [OperationsEndpoints.ReadyTag]);
        builder.AddPlatformAuthentication(settings.IsDevelopment);
        return settings;
    }
}
