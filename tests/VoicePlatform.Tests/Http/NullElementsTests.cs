using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static VoicePlatform.Tests.Http.OpenApiSchemas;

namespace VoicePlatform.Tests.Http;

/// <summary>
/// <c>null</c> inside every list (and as every map value) of every JSON request body the OpenAPI document describes,
/// at the top level and one object deeper: each answer is 400 naming exactly that element.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class NullElementsTests(ApiHostFixture host)
{
    [Fact]
    public async Task ANullListElementOrMapValueInAnyBodyIsA400NamingIt()
    {
        var tenant = await host.CreateTenantAsync("Null elements");
        var worker = await host.IssueKeyAsync(tenant.Id, "worker", "agent-worker");
        using var anonymous = host.Anonymous();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!.AsObject();

        var probes = 0;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is not { } bodySchema) continue;
                var key = path.StartsWith("/api/operator", StringComparison.Ordinal) ? ApiHostFixture.OperatorKey
                    : IsWorkerRoute(path) ? worker : tenant.AdminKey;
                using var client = host.WithKey(key);
                foreach (var (body, field) in NullProbes(Resolve(bodySchema, schemas), schemas))
                {
                    probes++;
                    var target = FillRoute(path);
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), target.TrimStart('/'))
                    {
                        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                    };
                    var response = await client.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method.ToUpperInvariant()} {path} with {body.ToJsonString()}: {(int)response.StatusCode} {text}");
                    var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
                    Assert.True(errors.TryGetProperty(field, out _), $"{method.ToUpperInvariant()} {path} with {body.ToJsonString()} names {field}: {text}");
                }
            }
        }
        // Brands (socialLinks, dos, donts), personas (traits, capabilities, tools), agents, trunks, price books, overrides,
        // calls (variables), transcripts, usage, outcomes: well over twenty probes.
        Assert.True(probes >= 20, $"only {probes} null probes found in the OpenAPI document");
    }

    private static bool IsWorkerRoute(string path) =>
        path.StartsWith("/api/calls/{callId}/", StringComparison.Ordinal) && path.Split('/')[^1] is "transcript" or "usage" or "answered-by" or "outcome" or "end" or "transfer";

    private static string FillRoute(string path) => path
        .Replace("{version}", "1")
        .Replace("{currency}", "USD")
        .Replace("{tenantId}", "tnt_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{callId}", "cal_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{brandId}", "brd_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{personaId}", "per_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{agentId}", "agt_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{trunkId}", "trk_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{numberId}", "num_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{campaignId}", "cmp_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{keyId}", "key_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{endpointId}", "whe_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{userId}", "usr_aaaaaaaaaaaaaaaaaaaa")
        .Replace("{invitationId}", "inv_aaaaaaaaaaaaaaaaaaaa");

    /// <summary>Bodies with one null element each, and the field path the answer must name.</summary>
    private static IEnumerable<(JsonObject Body, string Field)> NullProbes(JsonObject schema, JsonObject schemas)
    {
        foreach (var (name, property) in Properties(schema))
        {
            var resolved = Resolve(property!, schemas);
            if (IsType(resolved, "array"))
            {
                yield return (new JsonObject { [name] = new JsonArray((JsonNode?)null) }, $"{name}[0]");
                if (resolved["items"] is { } items && Resolve(items, schemas) is var item && IsType(item, "object"))
                    foreach (var (inner, field) in NullProbes(item, schemas))
                        yield return (new JsonObject { [name] = new JsonArray(inner) }, $"{name}[0].{field}");
            }
            else if (IsType(resolved, "object") && resolved["additionalProperties"] is JsonObject)
            {
                yield return (new JsonObject { [name] = new JsonObject { ["key"] = null } }, $"{name}.key");
            }
            else if (IsType(resolved, "object"))
            {
                foreach (var (inner, field) in NullProbes(resolved, schemas))
                    yield return (new JsonObject { [name] = inner }, $"{name}.{field}");
            }
        }
    }


    private static bool IsType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>() == type,
        JsonArray types => types.Any(t => t?.GetValue<string>() == type),
        _ => type == "object" && schema["properties"] is not null,
    };
}
