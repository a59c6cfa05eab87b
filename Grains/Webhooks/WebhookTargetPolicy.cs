using System.Net;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// Where a tenant's webhooks may go. A tenant names the URL, so without limits it could make the platform call
/// anything the platform can reach (SSRF): the scheme must be https (http only when the operator allows it, as the
/// development mode does), and no address the target resolves to may be loopback, private, carrier-grade NAT,
/// link-local (the cloud metadata service is 169.254.169.254 and fd00:ec2::254), unique-local, multicast or unspecified,
/// unless the operator allowlists its network. Checked when the URL is registered and again on every connection, with
/// the addresses DNS gives at that moment — a name that resolved to a public address yesterday may not today.
/// </summary>
public sealed class WebhookTargetPolicy(WebhookDeliveryOptions options)
{
    private static readonly NetworkRange[] Blocked =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
            "64:ff9b::/96",
        }.Select(r => NetworkRange.TryParse(r, out var range) ? range : throw new InvalidOperationException(r)),
    ];

    private readonly IReadOnlyList<NetworkRange> _allowed = options.AllowedRanges();

    /// <summary>Why the URL cannot be a target (as written, before DNS), or null when it may be.</summary>
    public string? WhyNot(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "Must be an absolute URL.";
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && !options.RequireHttps))
            return options.RequireHttps ? "Must be an https URL." : "Must be an http or https URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Must not carry a user name or password; authenticate the platform by the signature.";
        if (!string.IsNullOrEmpty(uri.Fragment)) return "Must not have a fragment.";
        if (IPAddress.TryParse(uri.IdnHost, out var literal) && WhyBlocked(literal) is { } why) return why;
        if (uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return WhyBlocked(IPAddress.Loopback);
        return null;
    }

    /// <summary>Why a connection to <paramref name="address"/> is refused, or null when it is allowed.</summary>
    public string? WhyBlocked(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (_allowed.Any(r => r.Contains(plain))) return null;
        if (IPAddress.IsLoopback(plain)) return $"{plain} is a loopback address; only networks the operator allows may be targets.";
        if (Blocked.FirstOrDefault(r => r.Contains(plain)) is { } range)
            return $"{plain} is in {range.Network}/{range.PrefixLength}, a private, link-local or reserved network; only networks the operator allows may be targets.";
        return null;
    }
}
