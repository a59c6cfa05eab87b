using System.Net;

namespace VoicePlatform.Security;

/// <summary>
/// The budget of failed authentications per client address and per credential-and-address pair, shared by API keys and
/// console sign-ins: a guesser is slowed, and nobody can lock a real user out from another address.
/// </summary>
public interface IAuthenticationThrottle
{
    /// <summary>How long to wait before trying again, or null when the client may try now.</summary>
    TimeSpan? RetryAfter(IPAddress? address, string? credential);

    void RecordFailure(IPAddress? address, string? credential);
}
