using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using VoicePlatform.Tests.Storage.TestGrains;
using Xunit;

namespace VoicePlatform.Tests.Storage;

/// <summary>
/// Concurrency and ETag rules of the ADO.NET grain storage, called directly on the silo's
/// provider so two writers can hold conflicting ETags on purpose.
/// </summary>
[Collection(GrainStorageCollection.Name)]
public sealed class GrainStorageProviderTests(GrainStorageClusterFixture fixture)
{
    private const string StateName = "provider-probe";

    private IGrainStorage Storage => fixture.Storage(StorageProbeGrain.StorageName);

    [Fact]
    public async Task AWriteWithAStaleEtagIsRejected()
    {
        var grainId = NewGrainId();
        var writer = NewState("v1");
        await Storage.WriteStateAsync(StateName, grainId, writer);
        var staleCopy = NewState("from stale reader", writer.ETag);
        writer.State = new ProbeState { Value = "v2" };
        await Storage.WriteStateAsync(StateName, grainId, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, staleCopy));

        var read = NewState(null);
        await Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal("v2", read.State?.Value);
        Assert.Equal(writer.ETag, read.ETag);
    }

    [Fact]
    public async Task AFirstWriteOverAnExistingRowIsRejected()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, NewState("original"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, NewState("intruder")));
    }

    [Fact]
    public async Task AFirstWriteOverAClearedRowIsRejected()
    {
        var grainId = NewGrainId();
        var owner = NewState("original");
        await Storage.WriteStateAsync(StateName, grainId, owner);
        await Storage.ClearStateAsync(StateName, grainId, owner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, NewState("resurrected")));
    }

    [Fact]
    public async Task AClearWithAStaleEtagIsRejected()
    {
        var grainId = NewGrainId();
        var owner = NewState("v1");
        await Storage.WriteStateAsync(StateName, grainId, owner);
        var stale = NewState(null, owner.ETag);
        await Storage.WriteStateAsync(StateName, grainId, owner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, stale));
    }

    [Fact]
    public async Task ConcurrentFirstWritesHaveExactlyOneWinner()
    {
        for (var round = 0; round < 10; round++)
        {
            var grainId = NewGrainId();
            var attempts = Enumerable.Range(0, 4).Select(i => TryWriteAsync(grainId, NewState($"writer {i}"))).ToList();

            var outcomes = await Task.WhenAll(attempts);

            Assert.Single(outcomes, succeeded => succeeded);
        }
    }

    [Fact]
    public async Task ConcurrentVersionedWritesHaveExactlyOneWinner()
    {
        var grainId = NewGrainId();
        var first = NewState("v1");
        await Storage.WriteStateAsync(StateName, grainId, first);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(i => TryWriteAsync(grainId, NewState($"writer {i}", first.ETag))));

        Assert.Single(outcomes, succeeded => succeeded);
    }

    [Fact]
    public async Task DeleteOnClearRemovesTheRowAndAllowsAFreshFirstWrite()
    {
        var storage = fixture.Storage(GrainStorageClusterFixture.DeletingStorageName);
        var grainId = NewGrainId();
        var owner = NewState("v1");
        await storage.WriteStateAsync(StateName, grainId, owner);

        await storage.ClearStateAsync(StateName, grainId, owner);
        var read = NewState(null);
        await storage.ReadStateAsync(StateName, grainId, read);
        var rowsAfterClear = await CountRowsAsync(grainId);
        await storage.WriteStateAsync(StateName, grainId, NewState("v2"));

        Assert.Null(owner.ETag);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, rowsAfterClear);
        Assert.Equal(1, await CountRowsAsync(grainId));
    }

    [Fact]
    public async Task TheSameKeyUnderTwoServiceIdsIsStoredApart()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, NewState("ours"));
        // Another service's row for the same grain and state name, as its provider would write it.
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var copy = new NpgsqlCommand(
                """
                INSERT INTO orleans_grain_state (service_id, grain_type_string, grain_type_hash, grain_id_hash,
                                                 grain_id_n0, grain_id_n1, grain_id_extension_string, payload_binary, version)
                SELECT 'another-service', grain_type_string, grain_type_hash, grain_id_hash,
                       grain_id_n0, grain_id_n1, grain_id_extension_string, NULL, 41
                FROM orleans_grain_state
                WHERE grain_id_extension_string = @key
                """, connection);
            copy.Parameters.AddWithValue("key", grainId.Key.ToString()!);
            Assert.Equal(1, await copy.ExecuteNonQueryAsync());
        }

        var read = NewState(null);
        await Storage.ReadStateAsync(StateName, grainId, read);

        Assert.Equal("ours", read.State?.Value);
        Assert.Equal("1", read.ETag);
    }

    private async Task<bool> TryWriteAsync(GrainId grainId, GrainState<ProbeState> state)
    {
        try
        {
            await Storage.WriteStateAsync(StateName, grainId, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private async Task<long> CountRowsAsync(GrainId grainId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_grain_state WHERE grain_id_extension_string = @key", connection);
        command.Parameters.AddWithValue("key", grainId.Key.ToString()!);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    // A non-hex string key, so the whole key lands in grain_id_extension_string (easy to find in SQL).
    private static GrainId NewGrainId() => GrainId.Create("storage-probe", $"tenant-{Guid.NewGuid():N}");

    private static GrainState<ProbeState> NewState(string? value, string? etag = null) =>
        new(new ProbeState { Value = value }) { ETag = etag };
}
