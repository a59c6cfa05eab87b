using System.Security.Claims;
using VoicePlatform.ApiKeys;
using VoicePlatform.Common;
using VoicePlatform.Security;
using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Live;

/// <summary>The credential a request or a live connection was authenticated with, read from its claims.</summary>
public static class LiveCredentials
{
    public static LiveCredential Of(ClaimsPrincipal user) => new(
        user.FindFirst(PlatformClaims.KeyIdClaim)?.Value is { } key && ApiKeyId.TryParse(key, out var keyId) ? keyId : null,
        user.FindFirst(PlatformClaims.UserIdClaim)?.Value is { } person && PrefixedId.TryParse<UserId>(person, out var userId) ? userId : null,
        user.FindFirst(PlatformClaims.SessionIdClaim)?.Value);
}
