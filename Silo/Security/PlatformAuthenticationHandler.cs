using VoicePlatform.Security;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VoicePlatform.ApiKeys;
using VoicePlatform.Calls;
using VoicePlatform.Tenants;
using VoicePlatform.Users;

namespace VoicePlatform.Silo.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> for the operator's secret or a tenant API key, and HTTP Basic
/// (user "operator") so a browser can open the dashboard, and <c>Bearer vpc.…</c> for an agent worker's per-call
/// credential. Every refusal is a problem-details body.
/// </summary>
public sealed class PlatformAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    OperatorCredential operatorCredential,
    ApiKeyIdFilter keyIdFilter,
    AuthenticationFailureLimiter failures,
    IServiceProvider services)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Platform";

    private string? _failure;
    private TimeSpan? _retryAfter;
    // Set when a good session asked for a change without its CSRF token (or from another origin): 403, not 401.
    private string? _forbidden;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        // A browser's WebSocket cannot send headers: on the live hub (only there) the short-lived hub token may come in
        // the query string, as SignalR's clients send it.
        if (string.IsNullOrEmpty(header) && Request.Path.StartsWithSegments(PlatformClaims.LiveHubPath)
            && Request.Query["access_token"].ToString() is { Length: > 0 } queryToken)
        {
            // Never a long-lived key: URLs end up in proxies' and browsers' logs.
            if (!LiveHubTokens.LooksLikeOne(queryToken))
                return Fail("Only a live hub token (POST /api/live/token) may be passed in the URL.");
            header = "Bearer " + queryToken;
        }
        // The console's session cookie, when no credential is in the header (a header always wins: a script with a key
        // in a browser that also holds a session acts as the key).
        if (string.IsNullOrEmpty(header) && Request.Cookies[SessionToken.CookieName] is { Length: > 0 } cookie) return await AuthenticateSessionCookieAsync(cookie);
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        // LiveKit's signature, checked by the webhook endpoint itself: counting it as a failed credential would throttle
        // LiveKit's address, and in the all-in-one mode every local client with it (the agent worker's reports).
        if (Request.Path.Equals(VoicePlatform.Calls.ILiveKitWebhookReceiver.Path, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        // The same for an inbound job's claim: its bearer is LiveKit's job token, which the claim endpoint verifies.
        if (Request.Path.Equals(VoicePlatform.Calls.IInboundCallClaims.Path, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        // Repeated failures from one address, or with one credential from one address, wait before anything is checked.
        var address = Context.Connection.RemoteIpAddress;
        var credential = CredentialName(header);
        if (failures.RetryAfter(address, credential) is { } wait)
        {
            _retryAfter = wait;
            _failure = "Too many failed authentication attempts; wait before trying again.";
            Logger.LogWarning("Authentication throttled on {Path} for {Address}", Request.Path, address);
            return AuthenticateResult.Fail(_failure);
        }
        var result = await AuthenticateHeaderAsync(header);
        if (result.Failure is not null) failures.RecordFailure(address, credential);
        return result;
    }

    /// <summary>
    /// A console session. A change (any method but GET, HEAD and OPTIONS) must also carry the session's CSRF token in
    /// <see cref="SessionToken.CsrfHeaderName"/>, and come from this origin when the browser says where it comes from:
    /// the cookie is SameSite=Strict already, and this holds even for a browser that ignores that.
    /// </summary>
    private async Task<AuthenticateResult> AuthenticateSessionCookieAsync(string cookie)
    {
        var address = Context.Connection.RemoteIpAddress;
        var parsed = SessionToken.TryParse(cookie, out var userId, out var sessionId, out var secret);
        var credential = parsed ? userId.Value : "session";
        if (failures.RetryAfter(address, credential) is { } wait)
        {
            _retryAfter = wait;
            _failure = "Too many failed authentication attempts; wait before trying again.";
            return AuthenticateResult.Fail(_failure);
        }
        var grains = services.GetService<IGrainFactory>();
        if (!parsed || grains is null)
        {
            failures.RecordFailure(address, credential);
            return Fail("The session cookie is not valid; sign in again.");
        }
        var check = await grains.GetUser(userId).AuthenticateSessionAsync(sessionId!, secret!);
        if (check.User is not { } user)
        {
            // Not counted as a failure: an ended session is the normal end of a day, not a guess (a 43-character secret
            // is not guessable); the console answers the 401 with its sign-in form, which replaces the cookie.
            return Fail(check.Failure ?? "The session has ended; sign in again.");
        }
        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method) && !HttpMethods.IsOptions(Request.Method))
        {
            if (!SessionToken.CsrfMatches(secret!, Request.Headers[SessionToken.CsrfHeaderName].ToString()))
                return Forbid("The change was refused: the session's CSRF token is missing or wrong (X-CSRF-Token, from GET /api/session).");
            if (Request.Headers.Origin.ToString() is { Length: > 0 } origin && !SameOrigin(origin))
                return Forbid($"The change was refused: a console session is only used from this site's own pages, not from {origin}.");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.Role, user.Role.ToClaim()),
            new(ClaimTypes.Name, user.Email),
            new(PlatformClaims.UserIdClaim, user.Id.Value),
            new(PlatformClaims.UserEmailClaim, user.Email),
            new(PlatformClaims.SessionIdClaim, sessionId!),
        };
        if (user.TenantId is { } tenant) claims.Add(new Claim(PlatformClaims.TenantIdClaim, tenant.Value));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>
    /// The page's site is this host. The scheme is not compared: behind a proxy that ends TLS the browser says https
    /// while this host sees http, and the same host name under either scheme is still this site.
    /// </summary>
    private bool SameOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (string.Equals(uri.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || string.Equals(uri.Host, Request.Host.Host, StringComparison.OrdinalIgnoreCase) && uri.IsDefaultPort && Request.Host.Port is null);

    private AuthenticateResult Forbid(string reason)
    {
        _forbidden = reason;
        Logger.LogWarning("Session change refused on {Path}: {Reason}", Request.Path, reason);
        return AuthenticateResult.Fail(reason);
    }

    /// <summary>What a failure is counted against besides the address: the key id, the call, or the operator login.</summary>
    private static string? CredentialName(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || value.Parameter is not { } parameter) return null;
        if (value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) return "basic";
        var token = parameter.Trim();
        if (ApiKeyToken.TryParse(token, out var apiKey)) return apiKey.KeyId.Value;
        return CallWorkerCredential.TryParse(token, out _, out var call, out _) ? call.Value : null;
    }

    private async Task<AuthenticateResult> AuthenticateHeaderAsync(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || string.IsNullOrWhiteSpace(value.Parameter))
            return Fail("The Authorization header is malformed; expected 'Bearer <api key>'.");

        if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return await AuthenticateBearerAsync(value.Parameter.Trim());
        if (value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return AuthenticateBasic(value.Parameter.Trim());
        return Fail($"The Authorization scheme '{value.Scheme}' is not supported; use 'Bearer <api key>'.");
    }

    private async Task<AuthenticateResult> AuthenticateBearerAsync(string token)
    {
        if (operatorCredential.Matches(token)) return Success(ApiKeyRoles.Operator, tenant: null, keyId: null);
        if (LiveHubTokens.LooksLikeOne(token)) return AuthenticateLiveHub(token);
        var grains = services.GetService<IGrainFactory>();
        if (CallWorkerCredential.LooksLikeOne(token)) return await AuthenticateCallWorkerAsync(grains, token);
        if (!ApiKeyToken.TryParse(token, out var apiKey)) return Fail("The API key is malformed.");

        if (grains is null) return Fail("Tenant API keys are not accepted by this host.");
        // A made-up key id is refused here, without activating a grain for it; it reads like any invalid key.
        if (!await keyIdFilter.MayBeGenuineAsync(apiKey.KeyId, Context.RequestAborted)) return Fail("The API key is not valid.");
        var result = await grains.GetApiKey(apiKey.KeyId).AuthenticateAsync(apiKey.Secret);
        return result.Check switch
        {
            ApiKeyCheck.Valid => Success(result.Role.ToName(), result.TenantId, apiKey.KeyId),
            ApiKeyCheck.Revoked => Fail("The API key has been revoked."),
            ApiKeyCheck.TenantSuspended => Fail("The API key's tenant is suspended."),
            // Unknown id and wrong secret read the same, so keys cannot be probed for existence.
            _ => Fail("The API key is not valid."),
        };
    }

    /// <summary>A per-call credential from an agent dispatch: valid while its call is live and a while after.</summary>
    private async Task<AuthenticateResult> AuthenticateCallWorkerAsync(IGrainFactory? grains, string token)
    {
        if (!CallWorkerCredential.TryParse(token, out var tenant, out var call, out var secret)) return Fail("The call credential is malformed.");
        if (grains is null) return Fail("Call credentials are not accepted by this host.");
        if (!await grains.GetCall(tenant, call).AuthenticateWorkerAsync(secret)) return Fail("The call credential is not valid (or its call ended long ago).");
        var claims = new List<Claim>
        {
            new(ClaimTypes.Role, PlatformClaims.CallWorkerRole),
            new(ClaimTypes.Name, call.Value),
            new(PlatformClaims.TenantIdClaim, tenant.Value),
            new(PlatformClaims.CallIdClaim, call.Value),
        };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>A live hub token: good for the hub alone (the policies of every other route ask for an API key's claims).</summary>
    private AuthenticateResult AuthenticateLiveHub(string token)
    {
        if (!Request.Path.StartsWithSegments(PlatformClaims.LiveHubPath)) return Fail($"A live token opens the live hub ({PlatformClaims.LiveHubPath}) only; use an API key here.");
        if (services.GetService<LiveHubTokens>() is not { } tokens) return Fail("Live tokens are not accepted by this host.");
        if (tokens.Verify(token, out var failure) is not { } claims) return Fail(failure ?? "The live token is not valid.");
        var identity = new List<Claim>
        {
            new(ClaimTypes.Role, claims.Role),
            new(ClaimTypes.Name, claims.Key ?? claims.Role),
            new(PlatformClaims.TenantIdClaim, claims.Tenant),
            new(PlatformClaims.LiveHubClaim, "hub"),
        };
        if (claims.Key is { } key) identity.Add(new Claim(PlatformClaims.KeyIdClaim, key));
        if (claims.User is { } user) identity.Add(new Claim(PlatformClaims.UserIdClaim, user));
        if (claims.Session is { } session) identity.Add(new Claim(PlatformClaims.SessionIdClaim, session));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(identity, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private AuthenticateResult AuthenticateBasic(string parameter)
    {
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter)); }
        catch (FormatException) { return Fail("The Basic credentials are malformed."); }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return Fail("The Basic credentials are malformed.");
        return decoded[..colon] == OperatorCredential.BasicUserName && operatorCredential.Matches(decoded[(colon + 1)..])
            ? Success(ApiKeyRoles.Operator, tenant: null, keyId: null)
            : Fail("The operator credentials are not valid.");
    }

    private AuthenticateResult Success(string role, TenantId? tenant, ApiKeyId? keyId)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, role), new(ClaimTypes.Name, keyId?.Value ?? ApiKeyRoles.Operator) };
        if (tenant is { } t) claims.Add(new Claim(PlatformClaims.TenantIdClaim, t.Value));
        if (keyId is { } k) claims.Add(new Claim(PlatformClaims.KeyIdClaim, k.Value));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private AuthenticateResult Fail(string reason)
    {
        _failure = reason;
        Logger.LogInformation("Authentication refused on {Path}: {Reason}", Request.Path, reason);
        return AuthenticateResult.Fail(reason);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_forbidden is not null)
        {
            await WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", _forbidden);
            return;
        }
        if (_retryAfter is { } wait)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many requests", _failure!);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", "Bearer");
        // Browsers only show a login prompt for Basic; the dashboard is the one browser-facing operator page.
        if (Request.Path.StartsWithSegments("/dashboard")) Response.Headers.Append("WWW-Authenticate", "Basic realm=\"VoicePlatform operator\"");
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", _failure ?? "An API key is required: send 'Authorization: Bearer <api key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", _forbidden ?? (Context.User.FindFirst(PlatformClaims.UserIdClaim) is null
            ? "This API key's role may not use this endpoint."
            : "Your role may not do this; a tenant admin can."));

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        var writer = services.GetService<IProblemDetailsService>();
        if (writer is null || !await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem }))
            await Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
