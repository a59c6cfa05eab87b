using VoicePlatform.Grains.CallRecords;

namespace VoicePlatform.Tests.CallRecords;

/// <summary>The development-mode store against the shared contract.</summary>
public sealed class InMemoryCallRecordStoreTests : CallRecordStoreContract
{
    protected override ICallRecordStore Store { get; } = new InMemoryCallRecordStore();
}
