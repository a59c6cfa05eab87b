using System.Diagnostics.Metrics;

namespace VoicePlatform.Silo.CallRecords;

/// <summary>
/// What the call-record writer did, as .NET meters (exported with everything else) and as plain totals a
/// benchmark reads without a listener. Writes per transaction is the group-commit factor.
/// </summary>
public sealed class CallRecordStoreMetrics : IDisposable, Storage.IGroupCommitMetrics
{
    public const string MeterName = "VoicePlatform.CallRecords";
    public const string TransactionsName = "voiceplatform.call_records.transactions";
    public const string RowsName = "voiceplatform.call_records.rows";
    public const string WritesName = "voiceplatform.call_records.writes";
    public const string FailedWritesName = "voiceplatform.call_records.failed_writes";

    // Null when the meter came from an IMeterFactory, which owns and disposes it.
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _transactions;
    private readonly Counter<long> _rows;
    private readonly Counter<long> _writes;
    private readonly Counter<long> _failedWrites;
    private long _transactionTotal;
    private long _rowTotal;
    private long _writeTotal;
    private long _failedWriteTotal;

    public CallRecordStoreMetrics(IMeterFactory? meterFactory = null)
    {
        Meter meter;
        if (meterFactory is null) meter = _ownedMeter = new Meter(MeterName);
        else meter = meterFactory.Create(MeterName);
        _transactions = meter.CreateCounter<long>(TransactionsName, "{transaction}", "Transactions the call-record writer committed.");
        _rows = meter.CreateCounter<long>(RowsName, "{row}", "Call-record, event and transcript rows inserted or updated.");
        _writes = meter.CreateCounter<long>(WritesName, "{write}", "Store writes (saves, event appends, transcript saves) committed.");
        _failedWrites = meter.CreateCounter<long>(FailedWritesName, "{write}", "Store writes that failed and were reported to their caller.");
    }

    public long Transactions => Interlocked.Read(ref _transactionTotal);

    public long Rows => Interlocked.Read(ref _rowTotal);

    public long Writes => Interlocked.Read(ref _writeTotal);

    public long FailedWrites => Interlocked.Read(ref _failedWriteTotal);

    public void Committed(int writes, long rows)
    {
        Interlocked.Increment(ref _transactionTotal);
        Interlocked.Add(ref _rowTotal, rows);
        Interlocked.Add(ref _writeTotal, writes);
        _transactions.Add(1);
        _rows.Add(rows);
        _writes.Add(writes);
    }

    public void Failed(int writes)
    {
        Interlocked.Add(ref _failedWriteTotal, writes);
        _failedWrites.Add(writes);
    }

    public void Dispose() => _ownedMeter?.Dispose();
}
