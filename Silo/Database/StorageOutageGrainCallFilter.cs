using Microsoft.Extensions.Logging;
using Npgsql;
using VoicePlatform.Common;

namespace VoicePlatform.Silo.Database;

/// <summary>
/// Turns a grain call that failed because PostgreSQL could not be reached into <see cref="StorageUnavailableException"/>:
/// one contract exception, logged once where it happened, for every caller (another grain or the API host), instead of
/// whatever wraps the driver's exception on its way up. Activation failures (a state read as the grain starts) happen
/// before any grain call filter; those arrive as Npgsql's own exception, which <see cref="DatabaseExceptionSerialization"/>
/// lets Orleans carry. Both are answered 503 by the API (found by the failure suite crashing PostgreSQL).
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
