using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Cluster;

/// <summary>An ApiHost in production mode: a cluster client of <paramref name="cluster"/>, found through its PostgreSQL membership table.</summary>
public static class ClusterApiHost
{
    public static async Task<WebApplication> StartAsync(string connectionString, PostgresTestCluster cluster, params string[] extraArguments)
    {
        var app = ApiHostApplication.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--ConnectionStrings:Postgres", connectionString,
            "--Cluster:ClusterId", cluster.Cluster.Options.ClusterId,
            "--Cluster:ServiceId", cluster.Cluster.Options.ServiceId,
            "--Operator:ApiKey", ApiHostFixture.OperatorKey,
            "--Logging:LogLevel:Default", "Warning",
            .. extraArguments,
        ]);
        await app.StartAsync();
        return app;
    }

    public static Uri BaseAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
}
