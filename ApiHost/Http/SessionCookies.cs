using Microsoft.AspNetCore.Http;

using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// The session cookie's attributes, the same when set and when cleared: HTTP-only (no script reads it), SameSite=Strict
/// (no other site's page sends it), Secure whenever the request came over HTTPS, the whole site's path.
/// </summary>
public static class SessionCookies
{
    public static CookieOptions Options(bool https, DateTimeOffset? expires, bool httpOnly = true) => new()
    {
        HttpOnly = httpOnly, SameSite = SameSiteMode.Strict, Secure = https, Path = "/", Expires = expires, IsEssential = true,
    };

    /// <summary>
    /// Readable by the pages' scripts and carrying nothing: it only tells them a session may exist, so a page opened by
    /// someone never signed in does not ask the server (and log a 401) to find out.
    /// </summary>
    public const string MarkerName = "vp_signed_in";

    /// <summary>
    /// Whether cookies set on this request are Secure: when it came over HTTPS (as a trusted proxy says, see
    /// <c>ReverseProxy:*</c>), or always when <c>Security:SecureCookies</c> is true (a proxy that ends TLS without saying so).
    /// </summary>
    public static bool Secure(HttpContext http) =>
        http.Request.IsHttps || http.RequestServices.GetRequiredService<IConfiguration>().GetValue<bool>("Security:SecureCookies");

    public static void Set(HttpResponse response, bool https, string token, DateTimeOffset expires)
    {
        response.Cookies.Append(SessionToken.CookieName, token, Options(https, expires));
        response.Cookies.Append(MarkerName, "1", Options(https, expires, httpOnly: false));
    }

    public static void Clear(HttpResponse response, bool https)
    {
        response.Cookies.Delete(SessionToken.CookieName, Options(https, null));
        response.Cookies.Delete(MarkerName, Options(https, null, httpOnly: false));
    }
}
