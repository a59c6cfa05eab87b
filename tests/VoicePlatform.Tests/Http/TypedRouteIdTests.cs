using System.Net;

namespace VoicePlatform.Tests.Http;

/// <summary>
/// Ids in routes are typed: text that is no such id (another kind's prefix, a bad character, the wrong length) is
/// answered 404 naming what was not found, for every verb, before any handler or grain runs; and an anonymous caller
/// still gets 401 first.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class TypedRouteIdTests(ApiHostFixture host)
{
    [Theory]
    [InlineData("GET", "api/brands/agt_aaaaaaaaaaaaaaaaaaaa", "Brand not found")]
    [InlineData("PUT", "api/brands/brd_NOT-VALID", "Brand not found")]
    [InlineData("POST", "api/brands/x/clone", "Brand not found")]
    [InlineData("DELETE", "api/personas/per_", "Persona not found")]
    [InlineData("GET", "api/agents/agt_aaaa!/compiled-instructions", "Agent not found")]
    [InlineData("POST", "api/agents/brd_aaaaaaaaaaaaaaaaaaaa/test-call", "Agent not found")]
    [InlineData("DELETE", "api/sip-trunks/num_aaaaaaaaaaaaaaaaaaaa", "SIP trunk not found")]
    [InlineData("PUT", "api/phone-numbers/12125550100", "Phone number not found")]
    [InlineData("GET", "api/calls/cal_x/events", "Call not found")]
    [InlineData("POST", "api/calls/nonsense/hangup", "Call not found")]
    [InlineData("GET", "api/calls/nonsense/transcript", "Call not found")]
    [InlineData("DELETE", "api/api-keys/key_short", "API key not found")]
    public async Task AMalformedIdIsNotFound(string method, string path, string title)
    {
        var tenant = await host.CreateTenantAsync("Typed ids");
        using var admin = host.WithKey(tenant.AdminKey);
        var response = await admin.SendAsync(Request(method, path));
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(title, problem.GetProperty("title").GetString());

        using var anonymous = host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Request(method, path))).StatusCode);
    }

    [Theory]
    [InlineData("GET", "api/operator/tenants/tnt_!!")]
    [InlineData("POST", "api/operator/tenants/brd_aaaaaaaaaaaaaaaaaaaa/suspend")]
    [InlineData("GET", "api/operator/tenants/nothing/wallet")]
    [InlineData("DELETE", "api/operator/tenants/tnt_aaaaaaaaaaaaaaaaaaaa/api-keys/key_x")]
    public async Task AnOperatorRouteWithAMalformedIdIsNotFound(string method, string path)
    {
        using var op = host.AsOperator();
        await (await op.SendAsync(Request(method, path))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        // A body where the route takes one, none where it takes none, so only the id can be what is wrong.
        if (method == "PUT" || path.EndsWith("/clone") || path.EndsWith("/suspend")) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return request;
    }
}
