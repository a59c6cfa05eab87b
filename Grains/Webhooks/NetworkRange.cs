using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>An address range in CIDR form (<c>10.0.0.0/8</c>, <c>fe80::/10</c>) or one address.</summary>
public sealed record NetworkRange(IPAddress Network, int PrefixLength)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out NetworkRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var slash = text.IndexOf('/');
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address)) return false;
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], out length) || length < 0 || length > max)) return false;
        range = new NetworkRange(address, length);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != Network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = Network.GetAddressBytes();
        var bits = PrefixLength;
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }
}
