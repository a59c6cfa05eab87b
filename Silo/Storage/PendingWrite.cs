using Npgsql;

namespace VoicePlatform.Silo.Storage;

/// <summary>
/// One caller's write waiting for the group commit. Its statements are built afresh for every attempt, because a
/// batch command that ran (or failed) in one batch is not reused in the next.
/// </summary>
internal sealed class PendingWrite(string subject, Func<IEnumerable<NpgsqlBatchCommand>> commands, CancellationToken cancellationToken)
{
    /// <summary>What is written, for the log: "call cal_… of tenant tnt_…".</summary>
    public string Subject { get; } = subject;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    // Asynchronous continuations: the writer loop must go on to the next batch, not run the callers' code.
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<NpgsqlBatchCommand> CreateCommands() => commands();
}
