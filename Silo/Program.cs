using Microsoft.Extensions.Configuration.Memory;
using VoicePlatform.Silo.Database;
using VoicePlatform.Silo.Hosting;
using VoicePlatform.Silo.Operations;

namespace VoicePlatform.Silo;

/// <summary>
/// The silo process. <c>dotnet run --project Silo</c> serves; <c>dotnet run --project Silo -- migrate</c>
/// applies the <c>sql/</c> migrations to <c>ConnectionStrings:Postgres</c> and exits.
/// </summary>
public static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        var migrateOnly = args.Length > 0 && args[0] == "migrate";
        // Configuration from the application's own directory, wherever the process was started.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = migrateOnly ? args[1..] : args, ContentRootPath = AppContext.BaseDirectory });
        // Quiet defaults that configuration (appsettings, environment, command line) can still override.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLogLevels });
        builder.Logging.AddSimpleConsole(o => { o.IncludeScopes = true; o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        try
        {
            if (migrateOnly) return await MigrateAsync(builder);

            PrometheusExporter.Start();
            builder.AddPlatformTracing("voiceplatform-silo");
            builder.AddVoicePlatformSilo();
            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapPlatformOperations();
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (PlatformConfigurationException.IsConfigurationError(e, out var message))
        {
            await Console.Error.WriteLineAsync(message);
            return 2;
        }
    }

    private static readonly Dictionary<string, string?> DefaultLogLevels = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Orleans.Runtime.Silo"] = "Information",
        ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    private static async Task<int> MigrateAsync(WebApplicationBuilder builder)
    {
        var settings = ClusterSettings.FromConfiguration(builder.Configuration);
        if (settings.ConnectionString is null)
            throw new PlatformConfigurationException("ConnectionStrings:Postgres", "the migrate command needs a database.");
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
        var applied = await new SchemaMigrator(settings.ConnectionString, loggers.CreateLogger<SchemaMigrator>()).ApplyAsync();
        Console.WriteLine(applied.Count == 0 ? "Schema is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return 0;
    }
}
