namespace VoicePlatform.Silo.Storage;

/// <summary>What a <see cref="GroupCommitWriter"/> tells its store: each transaction committed, and writes that failed.</summary>
internal interface IGroupCommitMetrics
{
    void Committed(int writes, long rows);

    void Failed(int writes);
}
