using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// Produces webhook deliveries exactly as LiveKit sends them: a camelCase protojson body (zero values
/// omitted, int64 as strings), and a 5-minute JWT with <c>iss</c> = API key and <c>sha256</c> =
/// base64(SHA-256(body)) in a bare <c>Authorization</c> header, with <c>content-type:
/// application/webhook+json</c> and <c>User-Agent: LiveKit</c>.
/// </summary>
public sealed class LiveKitWebhookSigner(IOptions<LiveKitOptions> options, TimeProvider time)
{
    public const string ContentType = "application/webhook+json";

    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);

    private readonly LiveKitAccessTokenMinter _minter = new(options, time);

    public static byte[] Serialize(LiveKitWebhookEvent webhookEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(webhookEvent, LiveKitJson.WebhookBodies);

    /// <summary>The bare token for the <c>Authorization</c> header of <paramref name="body"/>.</summary>
    public string Sign(ReadOnlySpan<byte> body) =>
        _minter.Mint(new LiveKitTokenClaims { Sha256 = Convert.ToBase64String(SHA256.HashData(body)) }, TokenLifetime);

    /// <summary>A ready-to-send POST of <paramref name="webhookEvent"/> to <paramref name="target"/>.</summary>
    public HttpRequestMessage CreateRequest(Uri target, LiveKitWebhookEvent webhookEvent)
    {
        var body = Serialize(webhookEvent);
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        request.Headers.TryAddWithoutValidation("Authorization", Sign(body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("LiveKit", null));
        return request;
    }
}
