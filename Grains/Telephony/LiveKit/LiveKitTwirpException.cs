using System.Globalization;
using System.Net;
using System.Text.Json;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// A failed LiveKit call: a Twirp error (<c>{"code","msg","meta"}</c>), a non-Twirp HTTP failure mapped to
/// a Twirp code the way Twirp clients do, or a transport failure (no response: <see cref="HttpStatus"/> is null).
/// </summary>
public sealed class LiveKitTwirpException : Exception
{
    public LiveKitTwirpException(
        string code,
        string message,
        int? httpStatus,
        IReadOnlyDictionary<string, string>? meta = null,
        bool requestNotSent = false,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        HttpStatus = httpStatus;
        Meta = meta ?? new Dictionary<string, string>();
        RequestNotSent = requestNotSent;
        SipStatusCode = Meta.TryGetValue("sip_status_code", out var sip) &&
                        int.TryParse(sip, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? status
            : null;
    }

    /// <summary>Twirp code: <c>unavailable</c>, <c>not_found</c>, <c>deadline_exceeded</c>, <c>resource_exhausted</c>...</summary>
    public string Code { get; }

    /// <summary>The HTTP status, or null when no response arrived (connection failure or timeout).</summary>
    public int? HttpStatus { get; }

    public IReadOnlyDictionary<string, string> Meta { get; }

    /// <summary>The SIP final response of a failed dial (meta <c>sip_status_code</c>, e.g. 486), when present.</summary>
    public int? SipStatusCode { get; }

    /// <summary>The SIP reason phrase (meta <c>sip_status</c>, e.g. "Busy Here"), when present.</summary>
    public string? SipStatus => Meta.GetValueOrDefault("sip_status");

    /// <summary>True only when the connection failed before any byte of the request was sent.</summary>
    public bool RequestNotSent { get; }

    /// <summary>The error a response carries: the Twirp JSON error body, else a code derived from the status.</summary>
    public static LiveKitTwirpException FromResponse(HttpStatusCode status, ReadOnlySpan<byte> body)
    {
        var httpStatus = (int)status;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                var message = root.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString()! : "";
                var meta = new Dictionary<string, string>();
                if (root.TryGetProperty("meta", out var metaElement) && metaElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var entry in metaElement.EnumerateObject())
                        meta[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
                }

                return new LiveKitTwirpException(code.GetString()!, message, httpStatus, meta);
            }
        }
        catch (JsonException)
        {
            // Not a Twirp body: LiveKit's auth middleware and proxies answer in plain text.
        }

        var text = System.Text.Encoding.UTF8.GetString(body.Length > 512 ? body[..512] : body).Trim();
        return new LiveKitTwirpException(
            CodeFromIntermediaryStatus(httpStatus),
            text.Length > 0 ? text : $"HTTP {httpStatus} without a Twirp error body",
            httpStatus,
            new Dictionary<string, string> { ["http_error_from_intermediary"] = "true", ["status_code"] = httpStatus.ToString(CultureInfo.InvariantCulture) });
    }

    // The mapping Twirp clients apply to errors that are not Twirp JSON (proxies, auth middleware).
    private static string CodeFromIntermediaryStatus(int status) => status switch
    {
        400 => "internal",
        401 => "unauthenticated",
        403 => "permission_denied",
        404 => "bad_route",
        429 or 502 or 503 or 504 => "unavailable",
        >= 300 and < 400 => "internal",
        _ => "unknown",
    };
}
