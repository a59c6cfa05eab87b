using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace VoicePlatform.Silo.Storage;

/// <summary>
/// Group commit: callers queue their writes; one loop takes everything pending (up to a bound), runs it as one
/// batch in one transaction and then completes every caller. Under load many call grains share each round trip
/// and each commit, which is what a PostgreSQL node can do only so many of per second. Used by the stores whose rows
/// many grains write at once: call records (with their events, transcripts and outbox rows) and lead outcomes.
/// </summary>
/// <remarks>
/// A batch without an explicit transaction is one implicit transaction in PostgreSQL: a failing statement rolls the
/// whole batch back. The loop then runs the batch's writes one by one, so a bad write fails only its own caller.
/// Every statement is idempotent, so running a write again after an ambiguous failure is always safe.
/// </remarks>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<PendingWrite> _queue =
        Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatchWrites;
    private readonly TimeSpan _linger;
    private readonly IGroupCommitMetrics _metrics;
    private readonly string _writes;
    private readonly ILogger _logger;
    private readonly Task _loop;

    /// <param name="linger">
    /// How long a batch waits for more writes once the one before it held several (the sign of concurrent writers):
    /// a couple of milliseconds turns many small commits into a few larger ones under load, and costs nothing when
    /// writes come one at a time, since a batch of one is never held back.
    /// </param>
    /// <param name="writes">What the writes are, for the log ("call-record", "lead").</param>
    public GroupCommitWriter(NpgsqlDataSource dataSource, int maxBatchWrites, IGroupCommitMetrics metrics, ILogger logger, TimeSpan linger = default, string writes = "call-record")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchWrites, 1);
        _dataSource = dataSource;
        _maxBatchWrites = maxBatchWrites;
        _linger = linger;
        _metrics = metrics;
        _logger = logger;
        _writes = writes;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Queues the statements of one write and completes when they are committed. A caller that stops waiting may
    /// still see its write land later, which idempotent writes make harmless.
    /// </summary>
    public Task WriteAsync(string subject, Func<IEnumerable<NpgsqlBatchCommand>> commands, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var write = new PendingWrite(subject, commands, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) return Task.FromException(new ObjectDisposedException(nameof(GroupCommitWriter)));
        return write.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Refuses new writes and returns once every queued write is committed or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_maxBatchWrites);
        var previous = 0;
        // Ends when the queue is completed and drained: disposal flushes everything queued before it.
        while (await _queue.Reader.WaitToReadAsync())
        {
            Take(batch);
            if (previous > 1 && batch.Count < _maxBatchWrites && _linger > TimeSpan.Zero)
            {
                await Task.Delay(_linger);
                Take(batch);
            }

            if (batch.Count > 0) await CommitAsync(batch);
            previous = batch.Count;
            batch.Clear();
        }
    }

    private void Take(List<PendingWrite> batch)
    {
        while (batch.Count < _maxBatchWrites && _queue.Reader.TryRead(out var write))
        {
            // Nobody waits for it any more: skipping it is the cheapest way to honour the cancellation.
            if (write.CancellationToken.IsCancellationRequested) write.Completion.TrySetCanceled(write.CancellationToken);
            else batch.Add(write);
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            await ExecuteAsync(batch);
            foreach (var write in batch) write.Completion.TrySetResult();
            return;
        }
        catch (Exception error) when (batch.Count > 1 && IsStatementFailure(error))
        {
            _logger.LogWarning(error, "A group commit of {WriteCount} {Writes} writes failed; writing them one by one", batch.Count, _writes);
        }
        catch (Exception error)
        {
            // One write alone, or a failure of the connection itself: replaying writes one by one would only repeat
            // it (and wait out a connect timeout per write), so every caller gets the error and may retry.
            Fail(batch, error);
            return;
        }

        foreach (var write in batch)
        {
            try
            {
                await ExecuteAsync([write]);
                write.Completion.TrySetResult();
            }
            catch (Exception error)
            {
                Fail([write], error);
            }
        }
    }

    private async Task ExecuteAsync(IReadOnlyList<PendingWrite> writes)
    {
        // No cancellation token: a flush that has begun runs to its end, so its callers learn the real outcome.
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var write in writes)
        {
            foreach (var command in write.CreateCommands()) batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        long rows = 0;
        foreach (var command in batch.BatchCommands) rows += command.RecordsAffected;
        _metrics.Committed(writes.Count, rows);
    }

    private void Fail(IReadOnlyList<PendingWrite> writes, Exception error)
    {
        _metrics.Failed(writes.Count);
        if (writes is [var only])
            _logger.LogWarning(error, "The {Writes} write of {Subject} failed", _writes, only.Subject);
        else
            _logger.LogWarning(error, "{WriteCount} {Writes} writes failed together", writes.Count, _writes);
        foreach (var write in writes) write.Completion.TrySetException(error);
    }

    // A statement the server refused (a constraint, a deadlock) or a value the client could not send: the other
    // writes of the batch may well be fine. A broken or unreachable connection (NpgsqlException without a server
    // error) is not about any one write.
    private static bool IsStatementFailure(Exception error) => error is PostgresException or not NpgsqlException;
}
