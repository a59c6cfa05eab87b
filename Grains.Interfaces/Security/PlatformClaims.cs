using System.Security.Claims;
using VoicePlatform.Tenants;

namespace VoicePlatform.Security;

/// <summary>Claim names the platform's authentication issues, and reading them back.</summary>
public static class PlatformClaims
{
    public const string TenantIdClaim = "vp:tenant";
    public const string KeyIdClaim = "vp:key";
    /// <summary>A console user's id (sessions only; API keys carry <see cref="KeyIdClaim"/>).</summary>
    public const string UserIdClaim = "vp:user";
    public const string UserEmailClaim = "vp:email";
    /// <summary>The console session a request came with, so sign-out ends that one.</summary>
    public const string SessionIdClaim = "vp:session";
    /// <summary>The one call a per-call agent-worker credential may report on.</summary>
    public const string CallIdClaim = "vp:call";
    /// <summary>The role of a per-call agent-worker credential (not an API key role: it is minted per call).</summary>
    public const string CallWorkerRole = "call-worker";
    /// <summary>Present (value "hub") when the caller came with a live hub token rather than an API key.</summary>
    public const string LiveHubClaim = "vp:live";
    /// <summary>Where the live hub listens; the only path where a token is read from the query string.</summary>
    public const string LiveHubPath = "/hubs/live";

    /// <summary>The caller's tenant. Only keys that belong to a tenant carry one, so a tenant route never guesses.</summary>
    public static TenantId GetTenantId(this ClaimsPrincipal user) =>
        TenantId.TryParse(user.FindFirst(TenantIdClaim)?.Value, out var id)
            ? id
            : throw new InvalidOperationException("The caller has no tenant; the route's policy should have refused it.");

    /// <summary>Who did it, for audit fields: the key id, the signed-in user's email, or "operator" (the operator's credential).</summary>
    public static string GetActor(this ClaimsPrincipal user) => user.FindFirst(KeyIdClaim)?.Value ?? user.FindFirst(UserEmailClaim)?.Value ?? "operator";
}
