using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace VoicePlatform.Silo.Database;

/// <summary>
/// Lets Orleans carry Npgsql's exceptions between silos and to the API host. A grain whose state cannot be read fails
/// its activation with the driver's exception inside Orleans' own, before any grain call filter runs; unserializable, it
/// reached the caller as a codec failure, which the API host could only answer with a 500 (found by the failure suite
/// crashing PostgreSQL). Serialized, it is recognised as the database being away and answered 503.
/// </summary>
public static class DatabaseExceptionSerialization
{
    public const string DriverNamespace = "Npgsql";

    /// <summary>Both ends need it: the silo to write the exception, the client to read it back.</summary>
    public static IServiceCollection AddDatabaseExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o =>
        {
            if (!o.SupportedNamespacePrefixes.Contains(DriverNamespace)) o.SupportedNamespacePrefixes.Add(DriverNamespace);
        });
}
