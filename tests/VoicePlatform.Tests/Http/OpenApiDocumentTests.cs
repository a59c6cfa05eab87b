using System.Text.Json;

namespace VoicePlatform.Tests.Http;

[Collection(ApiHostCollection.Name)]
public sealed class OpenApiDocumentTests(ApiHostFixture host)
{
    [Fact]
    public async Task EveryOperationHasASummaryAndEveryJsonBodyAnExample()
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
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name is "200" or "201"))
                {
                    if (!response.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json)) continue;
                    var returned = FindReference(json.GetProperty("schema"));
                    Assert.True(returned is not null, $"{where} names its {response.Name} schema");
                    Assert.True(schemas.GetProperty(returned).TryGetProperty("examples", out _), $"{where}: {returned} ({response.Name}) has an example");
                }
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
        if (schema.TryGetProperty("items", out var items)) return FindReference(items);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (!schema.TryGetProperty(combinator, out var options)) continue;
            foreach (var option in options.EnumerateArray())
                if (FindReference(option) is { } found) return found;
        }
        return null;
    }
}
