using System.Net;
using System.Net.Http.Json;
using VoicePlatform.Tests.Branding;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Telephony;

[Collection(ApiHostCollection.Name)]
public sealed class TelephonyIdempotencyTests(ApiHostFixture host)
{
    [Fact]
    public async Task RetriedCreatesWithTheSameIdempotencyKeyMakeOneTrunkAndOneNumber()
    {
        var n = TestNumbers.Block();
        var tenant = (await host.NewTenantAsync()).Http;
        var trunkBody = TelephonyTestData.Trunk();
        HttpRequestMessage Post(string path, object body, string key) => new(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(body),
            Headers = { { "Idempotency-Key", key } },
        };

        var firstTrunk = await tenant.SendAsync(Post("api/sip-trunks", trunkBody, "trunk-1"));
        var againTrunk = await tenant.SendAsync(Post("api/sip-trunks", trunkBody, "trunk-1"));
        Assert.Equal(HttpStatusCode.Created, firstTrunk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, againTrunk.StatusCode);
        Assert.Equal(BrandingClient.Id(await firstTrunk.ReadJsonAsync()), BrandingClient.Id(await againTrunk.ReadJsonAsync()));
        Assert.Equal(1, await tenant.CountAsync("api/sip-trunks"));

        var numberBody = new { number = n.UsSpaced(0), label = "Main" };
        var firstNumber = await tenant.SendAsync(Post("api/phone-numbers", numberBody, "number-1"));
        var againNumber = await tenant.SendAsync(Post("api/phone-numbers", numberBody, "number-1"));
        Assert.Equal(HttpStatusCode.Created, firstNumber.StatusCode);
        Assert.Equal(HttpStatusCode.OK, againNumber.StatusCode);
        Assert.Equal(1, await tenant.CountAsync("api/phone-numbers"));
    }
}
