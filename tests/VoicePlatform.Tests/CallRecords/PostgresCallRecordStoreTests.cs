using Npgsql;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.CallRecords;
using VoicePlatform.Silo.CallRecords;
using VoicePlatform.Tenants;
using static VoicePlatform.Tests.CallRecords.CallRecordSamples;

namespace VoicePlatform.Tests.CallRecords;

/// <summary>The PostgreSQL store against the shared contract, plus what only it has: group commit and its tables.</summary>
public sealed class PostgresCallRecordStoreTests(PostgresCallRecordStoreFixture fixture)
    : CallRecordStoreContract, IClassFixture<PostgresCallRecordStoreFixture>
{
    protected override ICallRecordStore Store => fixture.Store;

    [Fact]
    public async Task ConcurrentSavesAllLandInFewerTransactionsThanSaves()
    {
        const int saves = 200;
        var tenant = TenantId.New();
        await using var store = fixture.NewStore();
        var records = Enumerable.Range(0, saves).Select(i => Record(tenant, Noon.AddSeconds(i))).ToList();

        Task[] writes;
        await using (await fixture.BlockWritesAsync())
        {
            writes = records.Select(r => store.SaveAsync(r, [Event("queued"), Event("dialing")])).ToArray();
        }
        await Task.WhenAll(writes);

        Assert.Equal(records.AsEnumerable().Reverse(), await ListAllAsync(tenant));
        Assert.Equal(saves, store.Writes);
        Assert.Equal(saves * 3, store.Rows);
        // At most the batch the writer had taken when the lock held it up, then everything queued behind it.
        Assert.InRange(store.Transactions, 1, 2);
        Assert.True(store.Transactions < saves);
    }

    [Fact]
    public async Task ABatchIsBoundedInWrites()
    {
        var tenant = TenantId.New();
        await using var store = fixture.NewStore(maxBatchWrites: 10);
        var records = Enumerable.Range(0, 45).Select(i => Record(tenant, Noon.AddSeconds(i))).ToList();

        Task[] writes;
        await using (await fixture.BlockWritesAsync())
        {
            writes = records.Select(r => store.SaveAsync(r, [])).ToArray();
        }
        await Task.WhenAll(writes);

        Assert.Equal(45, (await ListAllAsync(tenant)).Count);
        // Batches of at most ten: five at least, and at most one more for the first, blocked one.
        Assert.InRange(store.Transactions, 5, 6);
    }

    [Fact]
    public async Task ABadWriteFailsOnlyItsOwnCaller()
    {
        var tenant = TenantId.New();
        await using var store = fixture.NewStore();
        var records = Enumerable.Range(0, 40).Select(i => Record(tenant, Noon.AddSeconds(i))).ToList();
        var badCall = records[20].CallId;

        Task[] good;
        Task bad;
        await using (await fixture.BlockWritesAsync())
        {
            // The bad write sits in the middle of the queue, so it shares a batch with good ones.
            good = records.Take(20).Select(r => store.SaveAsync(r, [Event("queued")])).ToArray();
            bad = store.SaveTranscriptAsync(tenant, badCall, [Segment("s1", "ends before it starts", startMs: 500) with { EndMs = 100 }]);
            good = [.. good, .. records.Skip(20).Select(r => store.SaveAsync(r, [Event("queued")]))];
        }

        var error = await Assert.ThrowsAsync<PostgresException>(() => bad);
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        await Task.WhenAll(good);
        Assert.Equal(40, (await ListAllAsync(tenant)).Count);
        foreach (var record in records) Assert.Single(await store.GetEventsAsync(tenant, record.CallId));
        Assert.Empty(await store.GetTranscriptAsync(tenant, badCall));
        Assert.Equal(1, store.FailedWrites);
        Assert.Equal(40, store.Writes);
        // Two batches at most would have held all 41 writes; more transactions means the batch holding the bad write
        // was rolled back and its good writes were committed one by one.
        Assert.True(store.Transactions > 2, $"{store.Transactions} transactions");
    }

    [Fact]
    public async Task DisposingCommitsEveryQueuedWrite()
    {
        var tenant = TenantId.New();
        var store = fixture.NewStore();
        var records = Enumerable.Range(0, 30).Select(i => Record(tenant, Noon.AddSeconds(i))).ToList();

        Task[] writes;
        Task disposing;
        await using (await fixture.BlockWritesAsync())
        {
            writes = records.Select(r => store.SaveAsync(r, [])).ToArray();
            disposing = store.DisposeAsync().AsTask();
            Assert.False(disposing.IsCompleted);
        }
        await disposing;

        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.Equal(30, (await ListAllAsync(tenant)).Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.SaveAsync(Record(tenant), []));
    }

    [Fact]
    public async Task EnumsAreStoredAsKebabCaseText()
    {
        var tenant = TenantId.New();
        var record = Record(tenant, status: CallStatus.Ended) with
        {
            EndReason = CallEndReason.MaxDurationReached,
            Disposition = CallDisposition.NotInterested,
            AnsweredBy = AnsweredBy.Machine,
        };
        await Store.SaveAsync(record, []);
        await Store.SaveTranscriptAsync(tenant, record.CallId, [Segment("s1", "hi")]);

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT r.status, r.end_reason, r.disposition, r.answered_by, s.speaker
            FROM call_records r JOIN call_transcript_segments s USING (tenant_id, call_id)
            WHERE r.tenant_id = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Value });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(["ended", "max-duration-reached", "not-interested", "machine", "callee"],
            Enumerable.Range(0, 5).Select(reader.GetString));
    }

    [Fact]
    public async Task ACursorFromTheInMemoryStorePagesTheSameWay()
    {
        // The API hands out cursors; both stores must read them alike (microseconds, then the id).
        var tenant = TenantId.New();
        var memory = new InMemoryCallRecordStore();
        var records = Enumerable.Range(0, 6).Select(i => Record(tenant, Noon.AddSeconds(i / 3))).ToList();
        foreach (var record in records)
        {
            await Store.SaveAsync(record, []);
            await memory.SaveAsync(record, []);
        }

        var first = await memory.ListAsync(tenant, new CallListQuery { Limit = 2 });
        var fromPostgres = await Store.ListAsync(tenant, new CallListQuery { Limit = 10, After = first.Next });
        var fromMemory = await memory.ListAsync(tenant, new CallListQuery { Limit = 10, After = first.Next });

        Assert.Equal(fromMemory.Items, fromPostgres.Items);
        Assert.Equal(4, fromPostgres.Items.Count);
        Assert.DoesNotContain(fromPostgres.Items, r => first.Items.Contains(r));
    }
}
