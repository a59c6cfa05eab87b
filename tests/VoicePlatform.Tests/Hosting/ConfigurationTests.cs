using VoicePlatform.Tests.Infrastructure;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Silo.Hosting;

namespace VoicePlatform.Tests.Hosting;

public sealed class ConfigurationTests
{
    private static ClusterSettings Read(params (string Key, string Value)[] values) =>
        ClusterSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Theory]
    [InlineData("Cluster:SiloPort", "eleven")]
    [InlineData("Cluster:GatewayPort", "70000")]
    [InlineData("Cluster:ClusterId", "has spaces")]
    [InlineData("Cluster:ServiceId", "")]
    [InlineData("Cluster:AdvertisedAddress", "no-such-host.invalid")]
    [InlineData("ConnectionStrings:Postgres", "Host=x;Bogus Key=1")]
    [InlineData("Database:MigrateOnStartup", "maybe")]
    [InlineData("Cluster:GrainCollectionAge", "00:00:01")]
    [InlineData("Cluster:GrainCollectionAge", "soon")]
    public void ABadSettingIsRefusedByName(string key, string value)
    {
        var error = Assert.Throws<PlatformConfigurationException>(() => Read((key, value)));
        Assert.Equal(key, error.Setting);
        Assert.Contains(key.Replace(":", "__"), error.Message);
    }

    [Fact]
    public void TheDatabaseConnectionPreparesStatementsUnlessTheOperatorSaysOtherwise()
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(Read(("ConnectionStrings:Postgres", "Host=127.0.0.1;Database=vp")).ConnectionString);
        Assert.Equal(VoicePlatform.Silo.Database.PostgresConnectionTuning.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(VoicePlatform.Silo.Database.PostgresConnectionTuning.AutoPrepareMinUsages, tuned.AutoPrepareMinUsages);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("vp", tuned.Database);

        var chosen = new Npgsql.NpgsqlConnectionStringBuilder(Read(("ConnectionStrings:Postgres",
            "Host=127.0.0.1;Database=vp;Max Auto Prepare=0;NoResetOnClose=false;Auto Prepare Min Usages=7")).ConnectionString);
        Assert.Equal(0, chosen.MaxAutoPrepare);
        Assert.Equal(7, chosen.AutoPrepareMinUsages);
        Assert.False(chosen.NoResetOnClose);
    }

    [Fact]
    public void NoDatabaseMeansDevelopmentMode()
    {
        var settings = Read();
        Assert.True(settings.IsDevelopment);
        Assert.Equal(11111, settings.SiloPort);
        Assert.False(Read(("ConnectionStrings:Postgres", "Host=127.0.0.1;Database=vp")).IsDevelopment);
    }

    [Fact]
    public void ApiHostRefusesToBuildWithABadSetting()
    {
        var error = Assert.Throws<PlatformConfigurationException>(() => ApiHostApplication.Build(["--Cluster:SiloPort", "-1"]));
        Assert.Equal("Cluster:SiloPort", error.Setting);
    }

    [Theory]
    [InlineData("ReverseProxy:TrustedProxies:0", "the load balancer")]
    [InlineData("ReverseProxy:TrustedNetworks:0", "10.0.0.0/33")]
    [InlineData("Live:CredentialCheckPeriod", "00:00:00.010")]
    public void AnApiHostSettingOutOfItsRangeIsRefusedAtStartNamingIt(string setting, string value)
    {
        var error = Assert.Throws<PlatformConfigurationException>(() => ApiHostApplication.Build([$"--{setting}", value]));
        Assert.Equal(setting, error.Setting);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void ProductionModeRequiresTheOperatorKey()
    {
        var error = Assert.Throws<PlatformConfigurationException>(() =>
            ApiHostApplication.Build(["--ConnectionStrings:Postgres", "Host=127.0.0.1;Database=vp"]));
        Assert.Equal("Operator:ApiKey", error.Setting);
    }

    [Fact]
    public async Task TheSiloProcessExitsWithTheSettingsNameOnABadConfiguration()
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "VoicePlatform.Silo.dll");
        Assert.True(File.Exists(silo), $"{silo} is built beside the tests");
        var start = new ProcessStartInfo("dotnet", [silo, "--Cluster:GatewayPort", "not-a-port"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Cluster:GatewayPort", await stderr);
        Assert.Contains("Cluster__GatewayPort", await stderr);
    }

    [Theory]
    [InlineData("Calls:Metering:BlockDuration", "00:00:00")]
    [InlineData("Calls:Metering:BlockDuration", "soon")]
    [InlineData("Calls:Metering:SettlementGrace", "-00:00:01")]
    [InlineData("Calls:Metering:LateAnswerGrace", "00:11:00")]
    [InlineData("Calls:Watchdog:DialingPollPeriod", "00:00:00.050")]
    [InlineData("Calls:Watchdog:AnsweredPollPeriod", "00:00:00.500")]
    [InlineData("Calls:Watchdog:MaxAnsweredPollsPerSecond", "0")]
    [InlineData("Calls:Recording:FilepathTemplate", "recordings/all.ogg")]
    [InlineData("Calls:Watchdog:ReminderPeriod", "00:00:00.100")]
    [InlineData("Wallets:MaxCommitSize", "0")]
    [InlineData("Wallets:MaxForwardSize", "5000")]
    [InlineData("Telephony:Claims:OrphanGrace", "00:00:00")]
    public async Task ABadOptionStopsStartUpNamingTheSetting(string key, string value)
    {
        await using var app = ApiHostApplication.Build(["--urls", "http://127.0.0.1:0", "--Cluster:SiloPort", FreePorts.Next().ToString(), "--Cluster:GatewayPort", FreePorts.Next().ToString(),
            "--LiveKitEmulator:Port", FreePorts.Next().ToString(), $"--{key}", value]);
        var error = await Record.ExceptionAsync(() => app.StartAsync());
        Assert.NotNull(error);
        Assert.True(PlatformConfigurationException.IsConfigurationError(error, out var message), error.ToString());
        Assert.Contains(key, message);
    }
}
