namespace VoicePlatform.Grains.Users;

/// <summary>How long sessions live and how many one user keeps.</summary>
public static class SessionPolicy
{
    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>…or after this long unused.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(24);

    /// <summary>Last-seen times are written at most this often: a write per request would cost more than the request.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(10);

    /// <summary>The oldest sessions are dropped beyond this many browsers.</summary>
    public const int MaxSessions = 20;

    public const int MaxUserAgentLength = 200;

    public static bool IsLive(UserSession session, DateTimeOffset now) => session.ExpiresAt > now && session.LastSeenAt + IdleTimeout > now;
}
