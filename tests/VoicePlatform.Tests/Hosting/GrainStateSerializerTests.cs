using VoicePlatform.ApiKeys;
using VoicePlatform.Grains.Tenants;
using VoicePlatform.Silo.Storage;
using VoicePlatform.Tenants;

namespace VoicePlatform.Tests.Hosting;

public sealed class GrainStateSerializerTests
{
    [Fact]
    public void StoredStateHoldsNoClrTypeNamesAndRoundTrips()
    {
        var state = new TenantState
        {
            Name = "Acme",
            Status = TenantStatus.Suspended,
            Settings = TenantSettings.Default with { Currency = "EUR" },
            SuspendedReason = "unpaid",
            CreatedAt = DateTimeOffset.Parse("2026-11-23T10:00:00Z"),
            UpdatedAt = DateTimeOffset.Parse("2026-11-23T11:00:00Z"),
            Creation = new CreateTenant { Name = "Acme", Settings = TenantSettings.Default },
            ApiKeys = [new TenantApiKeyEntry { KeyId = ApiKeyId.New(), Name = "k", Role = ApiKeyRole.AgentWorker, CreatedAt = DateTimeOffset.UnixEpoch, IssuedBy = "operator" }],
        };
        var serializer = new PlainJsonGrainStorageSerializer();
        var bytes = serializer.Serialize(state);
        var json = bytes.ToString();

        Assert.DoesNotContain("$type", json);
        Assert.DoesNotContain("VoicePlatform", json);
        Assert.DoesNotContain("System.", json);
        Assert.Contains("\"status\":\"suspended\"", json);
        Assert.Contains("\"role\":\"agent-worker\"", json);

        var back = serializer.Deserialize<TenantState>(bytes);
        Assert.Equal(state.Name, back.Name);
        Assert.Equal(state.Settings, back.Settings);
        Assert.Equal(state.Creation, back.Creation);
        Assert.Equal(state.ApiKeys.Single(), back.ApiKeys.Single());
    }
}
