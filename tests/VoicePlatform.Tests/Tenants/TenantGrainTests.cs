using VoicePlatform.ApiKeys;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Infrastructure;

namespace VoicePlatform.Tests.Tenants;

[Collection(MemoryClusterCollection.Name)]
public sealed class TenantGrainTests(MemoryClusterFixture fixture)
{
    private static CreateTenant Create(string name) => new() { Name = name, Settings = TenantSettings.Default };

    [Fact]
    public async Task RepeatingACreateAnswersTheSameTenantAndADifferentOneConflicts()
    {
        var tenant = fixture.Grains.GetTenant(TenantId.New());
        var first = await tenant.CreateAsync(Create("Acme"));
        var again = await tenant.CreateAsync(Create("Acme"));
        var other = await tenant.CreateAsync(Create("Not Acme"));
        Assert.Equal(TenantOutcome.Created, first.Outcome);
        Assert.Equal(TenantOutcome.Ok, again.Outcome);
        Assert.Equal(first.Tenant, again.Tenant);
        Assert.Equal(TenantOutcome.Conflict, other.Outcome);
        Assert.Equal("Acme", (await tenant.GetAsync())!.Name);
    }

    [Fact]
    public async Task InvalidCommandsAreRefusedEvenWithoutTheApi()
    {
        var tenant = fixture.Grains.GetTenant(TenantId.New());
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.CreateAsync(new CreateTenant { Name = "", Settings = TenantSettings.Default }));
        Assert.Null(await tenant.GetAsync());
        await tenant.CreateAsync(Create("Valid"));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.UpdateAsync(new UpdateTenant { Settings = new TenantSettingsPatch { Currency = "??" } }));
        Assert.Equal("USD", (await tenant.GetAsync())!.Settings.Currency);
    }

    [Fact]
    public async Task IssuedKeyAuthenticatesUntilRevokedOrSuspended()
    {
        var id = TenantId.New();
        var tenant = fixture.Grains.GetTenant(id);
        await tenant.CreateAsync(Create("Keys"));
        var issued = await tenant.IssueApiKeyAsync(new IssueApiKey { Name = "k", Role = ApiKeyRole.Supervisor, IssuedBy = "test" });
        Assert.True(ApiKeyToken.TryParse(issued.Token, out var token));
        var key = fixture.Grains.GetApiKey(token.KeyId);

        var ok = await key.AuthenticateAsync(token.Secret);
        Assert.Equal(ApiKeyCheck.Valid, ok.Check);
        Assert.Equal(id, ok.TenantId);
        Assert.Equal(ApiKeyRole.Supervisor, ok.Role);
        Assert.Equal(ApiKeyCheck.WrongSecret, (await key.AuthenticateAsync(ApiKeyToken.New().Secret)).Check);

        await tenant.SuspendAsync("test");
        Assert.Equal(ApiKeyCheck.TenantSuspended, (await key.AuthenticateAsync(token.Secret)).Check);
        await tenant.ReactivateAsync();
        Assert.Equal(ApiKeyCheck.Valid, (await key.AuthenticateAsync(token.Secret)).Check);

        Assert.True(await tenant.RevokeApiKeyAsync(token.KeyId));
        Assert.Equal(ApiKeyCheck.Revoked, (await key.AuthenticateAsync(token.Secret)).Check);
    }

    [Fact]
    public async Task ATenantCannotSeeOrRevokeAnotherTenantsKey()
    {
        var alice = fixture.Grains.GetTenant(TenantId.New());
        var bobId = TenantId.New();
        var bob = fixture.Grains.GetTenant(bobId);
        await alice.CreateAsync(Create("Alice"));
        await bob.CreateAsync(Create("Bob"));
        var bobKey = await bob.IssueApiKeyAsync(new IssueApiKey { Name = "b", Role = ApiKeyRole.TenantAdmin, IssuedBy = "test" });
        ApiKeyToken.TryParse(bobKey.Token, out var token);

        Assert.False(await alice.RevokeApiKeyAsync(token.KeyId));
        Assert.Null(await fixture.Grains.GetApiKey(token.KeyId).GetAsync(TenantId.New()));
        Assert.False(await fixture.Grains.GetApiKey(token.KeyId).RevokeAsync(TenantId.New()));
        Assert.Equal(ApiKeyCheck.Valid, (await fixture.Grains.GetApiKey(token.KeyId).AuthenticateAsync(token.Secret)).Check);
        Assert.Empty((await alice.ListApiKeysAsync())!);
    }

    [Fact]
    public async Task UnknownKeysAndTenantsAnswerPlainly()
    {
        Assert.Equal(ApiKeyCheck.UnknownKey, (await fixture.Grains.GetApiKey(ApiKeyId.New()).AuthenticateAsync("x")).Check);
        var ghost = fixture.Grains.GetTenant(TenantId.New());
        Assert.Null(await ghost.GetAsync());
        Assert.Null(await ghost.ListApiKeysAsync());
        Assert.False((await ghost.IssueApiKeyAsync(new IssueApiKey { Name = "k", Role = ApiKeyRole.Supervisor, IssuedBy = "t" })).Issued);
        Assert.Equal(TenantOutcome.NotFound, (await ghost.SuspendAsync("x")).Outcome);
    }

    [Fact]
    public async Task TheDirectoryListsTenantsInPagesWithTheirStatus()
    {
        var ids = new List<TenantId>();
        for (var i = 0; i < 5; i++)
        {
            var id = TenantId.New();
            ids.Add(id);
            await fixture.Grains.GetTenant(id).CreateAsync(Create($"Listed {i}"));
        }
        await fixture.Grains.GetTenant(ids[0]).SuspendAsync("late");

        var seen = new List<TenantListing>();
        string? after = null;
        do
        {
            var page = await fixture.Grains.GetTenantDirectory().ListAsync(after, 2);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items);
            after = page.Next;
        } while (after is not null);

        Assert.All(ids, id => Assert.Contains(seen, t => t.Id == id));
        Assert.Equal(TenantStatus.Suspended, seen.Single(t => t.Id == ids[0]).Status);
        Assert.Equal(seen.Select(t => t.Id.Value).Order(StringComparer.Ordinal), seen.Select(t => t.Id.Value));
    }
}
