using VoicePlatform.Grains.DoNotCall;

namespace VoicePlatform.Tests.DoNotCall;

/// <summary>The development-mode list against the shared contract.</summary>
public sealed class InMemoryDoNotCallStoreTests : DoNotCallStoreContract
{
    protected override IDoNotCallStore Store { get; } = new InMemoryDoNotCallStore();
}
