using Microsoft.AspNetCore.Http;

using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// The session cookie's attributes, the same when set and when cleared: HTTP-only (no script reads it), SameSite=Strict
/// (no other site's page sends it), Secure whenever the request came over HTTPS, the whole site's path.
/// </summary>
public static class SessionCookies
{
    public static CookieOptions Options(bool https, DateTimeOffset? expires) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = https, Path = "/", Expires = expires, IsEssential = true,
    };

    public static void Set(HttpResponse response, bool https, string token, DateTimeOffset expires) =>
        response.Cookies.Append(SessionToken.CookieName, token, Options(https, expires));

    public static void Clear(HttpResponse response, bool https) => response.Cookies.Delete(SessionToken.CookieName, Options(https, null));
}
