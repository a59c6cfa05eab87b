using System.Text.Json;

namespace VoicePlatform.Tests.Http;

[Collection(ApiHostCollection.Name)]
public sealed class OpenApiDocumentTests(ApiHostFixture host)
{
    [Fact]
    public async Task EveryOperationHasASummaryAndEveryRequestBodyAnExample()
    {
        using var client = host.Anonymous();
        var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.True(operation.Value.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{where} has a summary");
                if (!operation.Value.TryGetProperty("requestBody", out var body)) continue;
                var schema = body.GetProperty("content").GetProperty("application/json").GetProperty("schema");
                var name = FindReference(schema);
                Assert.True(name is not null, $"{where} names its body schema");
                Assert.True(schemas.GetProperty(name).TryGetProperty("examples", out var examples) && examples.GetArrayLength() > 0, $"{where}: {name} has an example");
            }
        }
        Assert.True(operations >= 25, $"only {operations} operations documented");
        foreach (var view in new[] { "BrandView", "PersonaView", "AgentView", "CompiledInstructions" })
            Assert.True(schemas.GetProperty(view).TryGetProperty("examples", out _), $"{view} has an example");
    }

    private static string? FindReference(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference)) return reference.GetString()!.Split('/')[^1];
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (!schema.TryGetProperty(combinator, out var options)) continue;
            foreach (var option in options.EnumerateArray())
                if (FindReference(option) is { } found) return found;
        }
        return null;
    }
}
