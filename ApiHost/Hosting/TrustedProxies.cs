using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using VoicePlatform.Silo.Hosting;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// A host behind a reverse proxy or load balancer that ends TLS sees every request as plain HTTP from the proxy's
/// address. Trusting the proxies named in <c>ReverseProxy:TrustedProxies</c> (addresses) and
/// <c>ReverseProxy:TrustedNetworks</c> (CIDR ranges) makes their <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>
/// the request's client address, scheme and host: the session cookie is Secure, the sign-in throttle counts each
/// person's address rather than the proxy's, and the CSRF Origin check compares the public host. Headers from anyone
/// else are ignored, so a client cannot pretend to be another address. Nothing is trusted unless configured.
/// (<c>Security:SecureCookies</c>, read by <see cref="Http.SessionCookies"/>, covers a proxy that does not say https.)
/// </summary>
public static class TrustedProxies
{
    public const string SectionName = "ReverseProxy";

    public static void UseTrustedProxies(this WebApplication app)
    {
        var section = app.Configuration.GetSection(SectionName);
        var proxies = section.GetSection("TrustedProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("TrustedNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0) return;

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            // The nearest trusted hop's word only: an address a client put in the header itself is never taken.
            ForwardLimit = 1,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        for (var i = 0; i < proxies.Length; i++)
        {
            if (!IPAddress.TryParse(proxies[i], out var address))
                throw new PlatformConfigurationException($"{SectionName}:TrustedProxies:{i}", $"'{proxies[i]}' is not an IP address (for example 10.0.0.5).");
            options.KnownProxies.Add(address);
        }
        for (var i = 0; i < networks.Length; i++)
        {
            if (!System.Net.IPNetwork.TryParse(networks[i], out var network))
                throw new PlatformConfigurationException($"{SectionName}:TrustedNetworks:{i}", $"'{networks[i]}' is not a CIDR range (for example 10.0.0.0/8).");
            options.KnownIPNetworks.Add(network);
        }
        app.UseForwardedHeaders(options);
    }
}
