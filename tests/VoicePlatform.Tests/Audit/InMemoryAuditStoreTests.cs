using VoicePlatform.Grains.Audit;

namespace VoicePlatform.Tests.Audit;

/// <summary>The development-mode record against the shared contract.</summary>
public sealed class InMemoryAuditStoreTests : AuditStoreContract
{
    protected override IAuditStore Store { get; } = new InMemoryAuditStore();
}
