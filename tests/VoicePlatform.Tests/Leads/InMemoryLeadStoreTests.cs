using VoicePlatform.Grains.Leads;

namespace VoicePlatform.Tests.Leads;

/// <summary>The development-mode lead table against the shared contract.</summary>
public sealed class InMemoryLeadStoreTests : LeadStoreContract
{
    protected override ILeadStore Store { get; } = new InMemoryLeadStore();
}
