using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// The signed-in user and the session's CSRF token, which the console sends back in <c>X-CSRF-Token</c> on every change.
/// The session itself is only ever in the HTTP-only cookie.
/// </summary>
public sealed record SessionResponse(UserView User, string CsrfToken);
