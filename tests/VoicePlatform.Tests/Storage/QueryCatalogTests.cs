using System.Text.RegularExpressions;
using VoicePlatform.Tests.Infrastructure;
using Xunit;

namespace VoicePlatform.Tests.Storage;

public sealed partial class QueryCatalogTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task EveryKeyTheProvidersNeedIsInTheCatalog()
    {
        var catalog = await OrleansQueryCatalog.ReadAsync(database.ConnectionString);

        var missing = OrleansQueryContract.AllKeys.Select(k => k.Key).Where(k => !catalog.ContainsKey(k)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task EveryTextRefersOnlyToParametersItsKeyReceives()
    {
        var catalog = await OrleansQueryCatalog.ReadAsync(database.ConnectionString);

        var violations = OrleansQueryContract.AllKeys
            .SelectMany(key => ParameterPattern().Matches(catalog[key.Key])
                .Select(m => m.Groups[1].Value)
                .Where(parameter => !key.Value.Contains(parameter, StringComparer.Ordinal))
                .Select(parameter => $"{key.Key} uses @{parameter}"))
            .ToList();

        Assert.Empty(violations);
    }

    [Fact]
    public async Task TheCatalogHoldsNoKeysOutsideTheContract()
    {
        var catalog = await OrleansQueryCatalog.ReadAsync(database.ConnectionString);

        var unknown = catalog.Keys.Except(OrleansQueryContract.AllKeys.Select(k => k.Key)).ToList();

        Assert.Empty(unknown);
    }

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterPattern();
}
