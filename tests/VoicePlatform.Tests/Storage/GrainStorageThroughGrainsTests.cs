using VoicePlatform.Tests.Storage.TestGrains;
using Xunit;

namespace VoicePlatform.Tests.Storage;

/// <summary>
/// Grain state through [PersistentState] on the ADO.NET provider, for every key kind the
/// provider splits differently (string, GUID, integer, GUID + extension).
/// </summary>
[Collection(GrainStorageCollection.Name)]
public sealed class GrainStorageThroughGrainsTests(GrainStorageClusterFixture fixture)
{
    public static TheoryData<string> KeyKinds => ["string", "string-with-plus", "hex-looking-string-with-plus", "guid", "integer", "guid-compound"];

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task AStateNeverWrittenReadsAsNotExistingWithoutAnEtag(string keyKind)
    {
        var grain = NewProbe(keyKind);

        var snapshot = await grain.ReadAsync(ProbeSlot.First);

        Assert.False(snapshot.RecordExists);
        Assert.Null(snapshot.ETag);
    }

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task WrittenStateReadsBackAndCanBeRewritten(string keyKind)
    {
        var grain = NewProbe(keyKind);

        var written = await grain.WriteAsync(ProbeSlot.First, "dialing");
        var read = await grain.ReadAsync(ProbeSlot.First);
        var rewritten = await grain.WriteAsync(ProbeSlot.First, "connected");
        var reread = await grain.ReadAsync(ProbeSlot.First);

        Assert.Equal(new ProbeSnapshot(true, written.ETag, "dialing"), read);
        Assert.NotNull(written.ETag);
        Assert.NotEqual(written.ETag, rewritten.ETag);
        Assert.Equal(new ProbeSnapshot(true, rewritten.ETag, "connected"), reread);
    }

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task AClearedStateReadsAsNotExistingAndCanBeWrittenAgain(string keyKind)
    {
        var grain = NewProbe(keyKind);
        await grain.WriteAsync(ProbeSlot.First, "paused");

        var cleared = await grain.ClearAsync(ProbeSlot.First);
        var readAfterClear = await grain.ReadAsync(ProbeSlot.First);
        await grain.WriteAsync(ProbeSlot.First, "resumed");
        var readAfterWrite = await grain.ReadAsync(ProbeSlot.First);

        Assert.False(readAfterClear.RecordExists);
        Assert.NotNull(readAfterClear.ETag);
        Assert.Equal(cleared.ETag, readAfterClear.ETag);
        Assert.Equal("resumed", readAfterWrite.Value);
        Assert.True(readAfterWrite.RecordExists);
    }

    [Fact]
    public async Task TwoStateNamesOnOneGrainAreStoredApart()
    {
        var grain = NewProbe("string");

        await grain.WriteAsync(ProbeSlot.First, "first");
        var secondBefore = await grain.ReadAsync(ProbeSlot.Second);
        await grain.WriteAsync(ProbeSlot.Second, "second");
        await grain.ClearAsync(ProbeSlot.Second);

        Assert.False(secondBefore.RecordExists);
        Assert.Equal("first", (await grain.ReadAsync(ProbeSlot.First)).Value);
    }

    // The provider's N0/N1 do not say which key kind they came from: an integer key and a GUID
    // holding the same two longs differ only in grain_id_hash. The schema must keep them apart in
    // writes as well as reads (a unique index without the hashes once let one block the other).
    [Fact]
    public async Task AnIntegerKeyAndAGuidWithTheSameBitsAreStoredApart()
    {
        var number = Random.Shared.NextInt64(1, long.MaxValue);
        var sameBits = new Guid(0, 0, 0, BitConverter.GetBytes(number));
        var integerGrain = fixture.Cluster.GrainFactory.GetGrain<IIntegerKeyStorageProbeGrain>(number);
        var guidGrain = fixture.Cluster.GrainFactory.GetGrain<IGuidKeyStorageProbeGrain>(sameBits);
        var extendedGrain = fixture.Cluster.GrainFactory.GetGrain<IGuidCompoundKeyStorageProbeGrain>(sameBits, "ext");

        await integerGrain.WriteAsync(ProbeSlot.First, "integer");
        await guidGrain.WriteAsync(ProbeSlot.First, "guid");

        Assert.Equal("integer", (await integerGrain.ReadAsync(ProbeSlot.First)).Value);
        Assert.Equal("guid", (await guidGrain.ReadAsync(ProbeSlot.First)).Value);
        Assert.False((await extendedGrain.ReadAsync(ProbeSlot.First)).RecordExists);
    }

    private IStorageProbe NewProbe(string keyKind)
    {
        var factory = fixture.Cluster.GrainFactory;
        var unique = Guid.NewGuid();
        return keyKind switch
        {
            "string" => factory.GetGrain<IStringKeyStorageProbeGrain>($"tenant-{unique:N}"),
            "string-with-plus" => factory.GetGrain<IStringKeyStorageProbeGrain>($"tenant+{unique:N}+campaign"),
            // Parses as hex before the '+', so Orleans stores it as an integer key with an extension.
            "hex-looking-string-with-plus" => factory.GetGrain<IStringKeyStorageProbeGrain>($"{unique:N}"[..12] + "+lead"),
            "guid" => factory.GetGrain<IGuidKeyStorageProbeGrain>(unique),
            "integer" => factory.GetGrain<IIntegerKeyStorageProbeGrain>(Random.Shared.NextInt64(long.MinValue, long.MaxValue)),
            "guid-compound" => factory.GetGrain<IGuidCompoundKeyStorageProbeGrain>(unique, "campaign+7"),
            _ => throw new ArgumentOutOfRangeException(nameof(keyKind), keyKind, "Unknown key kind."),
        };
    }
}
