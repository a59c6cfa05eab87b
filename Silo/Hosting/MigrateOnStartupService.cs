using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VoicePlatform.Silo.Hosting;

namespace VoicePlatform.Silo.Database;

/// <summary>Applies pending migrations before the silo joins the cluster (<c>Database:MigrateOnStartup=true</c>).</summary>
public sealed class MigrateOnStartupService(ClusterSettings settings, ILoggerFactory loggers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrator = new SchemaMigrator(settings.ConnectionString!, loggers.CreateLogger<SchemaMigrator>());
        await migrator.ApplyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
