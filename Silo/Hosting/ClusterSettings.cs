using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Npgsql;
using VoicePlatform.Silo.Database;

namespace VoicePlatform.Silo.Hosting;

/// <summary>
/// Where the cluster lives. Read once from configuration and validated, so a bad setting stops start-up
/// with its name instead of failing later somewhere inside Orleans.
/// </summary>
public sealed partial record ClusterSettings
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>PostgreSQL connection string; null means development mode (in-memory everything).</summary>
    public string? ConnectionString { get; init; }
    public string ClusterId { get; init; } = "voiceplatform";
    public string ServiceId { get; init; } = "voiceplatform";
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos and clients use to reach this silo; null lets Orleans choose.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>Apply the <c>sql/</c> migrations before the silo starts.</summary>
    public bool MigrateOnStartup { get; init; }

    /// <summary>How long an idle activation lives before Orleans collects it (Orleans' default: 15 minutes).</summary>
    public TimeSpan GrainCollectionAge { get; init; } = DefaultGrainCollectionAge;

    public static readonly TimeSpan DefaultGrainCollectionAge = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often a cluster client (an API host) re-reads the gateways from the membership table. After losing every
    /// gateway it only finds a restarted silo at this pace, and its live feed waits with it.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; init; } = DefaultGatewayListRefreshPeriod;

    public static readonly TimeSpan DefaultGatewayListRefreshPeriod = TimeSpan.FromSeconds(15);

    public bool IsDevelopment => ConnectionString is null;

    public static ClusterSettings FromConfiguration(IConfiguration configuration)
    {
        var cluster = configuration.GetSection("Cluster");
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString)) connectionString = null;
        else
        {
            try { connectionString = PostgresConnectionTuning.Apply(connectionString); }
            catch (ArgumentException e) { throw new PlatformConfigurationException("ConnectionStrings:Postgres", $"not a valid Npgsql connection string ({e.Message})."); }
        }

        return new ClusterSettings
        {
            ConnectionString = connectionString,
            ClusterId = ReadId(cluster, "ClusterId", "voiceplatform"),
            ServiceId = ReadId(cluster, "ServiceId", "voiceplatform"),
            SiloPort = ReadPort(cluster, "SiloPort", 11111),
            GatewayPort = ReadPort(cluster, "GatewayPort", 30000),
            AdvertisedAddress = ReadAddress(cluster, "AdvertisedAddress"),
            MigrateOnStartup = ReadBool(configuration.GetSection("Database"), "MigrateOnStartup"),
            GrainCollectionAge = ReadCollectionAge(cluster, "GrainCollectionAge"),
            GatewayListRefreshPeriod = ReadRefreshPeriod(cluster, "GatewayListRefreshPeriod"),
        };
    }

    private static string ReadId(IConfigurationSection section, string key, string fallback)
    {
        var value = section[key];
        if (value is null) return fallback;
        if (!IdPattern().IsMatch(value))
            throw new PlatformConfigurationException(section.Path + ":" + key, $"'{value}' must be 1–64 characters of letters, digits, '.', '_' or '-'.");
        return value;
    }

    private static int ReadPort(IConfigurationSection section, string key, int fallback)
    {
        var value = section[key];
        if (value is null) return fallback;
        if (!int.TryParse(value, out var port) || port is < 0 or > 65535)
            throw new PlatformConfigurationException(section.Path + ":" + key, $"'{value}' is not a port number (0–65535; 0 picks a free port).");
        return port;
    }

    private static IPAddress? ReadAddress(IConfigurationSection section, string key)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (IPAddress.TryParse(value, out var address)) return address;
        try
        {
            return Dns.GetHostAddresses(value).FirstOrDefault()
                ?? throw new PlatformConfigurationException(section.Path + ":" + key, $"'{value}' resolves to no address.");
        }
        catch (System.Net.Sockets.SocketException)
        {
            throw new PlatformConfigurationException(section.Path + ":" + key, $"'{value}' is neither an IP address nor a resolvable host name.");
        }
    }

    private static TimeSpan ReadCollectionAge(IConfigurationSection section, string key)
    {
        var value = section[key];
        if (value is null) return DefaultGrainCollectionAge;
        // Orleans collects in quanta of a minute by default; below a few seconds a busy grain would be torn down between calls.
        if (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var age) || age < TimeSpan.FromSeconds(5) || age > TimeSpan.FromDays(1))
            throw new PlatformConfigurationException(section.Path + ":" + key, $"'{value}' must be a time span from 00:00:05 to 1.00:00:00.");
        return age;
    }

    private static TimeSpan ReadRefreshPeriod(IConfigurationSection section, string key)
    {
        var value = section[key];
        if (value is null) return DefaultGatewayListRefreshPeriod;
        if (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var period) || period < TimeSpan.FromSeconds(1) || period > TimeSpan.FromMinutes(10))
            throw new PlatformConfigurationException(section.Path + ":" + key, $"'{value}' must be a time span from 00:00:01 to 00:10:00.");
        return period;
    }

    private static bool ReadBool(IConfigurationSection section, string key)
    {
        var value = section[key];
        if (value is null) return false;
        return bool.TryParse(value, out var flag)
            ? flag
            : throw new PlatformConfigurationException(section.Path + ":" + key, $"'{value}' must be true or false.");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
