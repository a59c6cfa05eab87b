using Npgsql;
using VoicePlatform.Calls;
using VoicePlatform.Tenants;

namespace VoicePlatform.Silo.CallRecords;

/// <summary>
/// One caller's write waiting for the group commit. Its statements are built afresh for every attempt, because a
/// batch command that ran (or failed) in one batch is not reused in the next.
/// </summary>
internal sealed class PendingWrite(TenantId tenant, CallId call, Func<IEnumerable<NpgsqlBatchCommand>> commands, CancellationToken cancellationToken)
{
    public TenantId Tenant { get; } = tenant;

    public CallId Call { get; } = call;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    // Asynchronous continuations: the writer loop must go on to the next batch, not run the callers' code.
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<NpgsqlBatchCommand> CreateCommands() => commands();
}
