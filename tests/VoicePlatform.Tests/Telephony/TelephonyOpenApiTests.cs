using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Telephony;

[Collection(ApiHostCollection.Name)]
public sealed class TelephonyOpenApiTests(ApiHostFixture host)
{
    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryTelephonyRouteWithASummary()
    {
        using var client = host.Anonymous();
        var paths = (await (await client.GetAsync("openapi/v1.json")).ReadJsonAsync()).GetProperty("paths");
        foreach (var (path, verbs) in new[]
        {
            ("/api/sip-trunks", new[] { "get", "post" }),
            ("/api/sip-trunks/{trunkId}", new[] { "get", "put", "delete" }),
            ("/api/phone-numbers", new[] { "get", "post" }),
            ("/api/phone-numbers/{numberId}", new[] { "get", "put", "delete" }),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is documented");
            foreach (var verb in verbs)
            {
                var operation = item.GetProperty(verb);
                Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{verb} {path} has a summary");
                Assert.True(operation.GetProperty("responses").EnumerateObject().Any(), $"{verb} {path} lists responses");
            }
        }
    }
}
