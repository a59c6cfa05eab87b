using Microsoft.Extensions.Logging;
using Npgsql;
using VoicePlatform.Common;

namespace VoicePlatform.Silo.Database;

/// <summary>
/// Turns a grain call that failed because PostgreSQL could not be reached into <see cref="StorageUnavailableException"/>.
/// Npgsql's exceptions have no Orleans codec: sent as they are to another silo or to the API host they arrive as a
/// codec failure, which the API host can only answer with a 500 — found by the failure suite restarting PostgreSQL.
/// </summary>
public sealed class StorageOutageGrainCallFilter(ILogger<StorageOutageGrainCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (FindOutage(e) is { } outage)
        {
            logger.LogWarning("{Method} of {Grain} failed: the database is unavailable ({Error})", context.InterfaceMethod?.Name, context.TargetId, outage.Message);
            throw new StorageUnavailableException($"The platform's database is unavailable ({outage.Message.Split('\n')[0]}); try again shortly.");
        }
    }

    /// <summary>
    /// The database failure behind <paramref name="exception"/>, if that is what it is: a connection that could not be
    /// opened or broke, or a server error Npgsql calls transient (shutting down, starting up, out of connections). A
    /// statement the server refused (a constraint, a syntax error) is a bug or a conflict, not an outage.
    /// </summary>
    public static NpgsqlException? FindOutage(Exception exception) => exception switch
    {
        PostgresException server => server.IsTransient ? server : null,
        NpgsqlException driver => driver,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindOutage).FirstOrDefault(e => e is not null),
        { InnerException: { } inner } => FindOutage(inner),
        _ => null,
    };
}
