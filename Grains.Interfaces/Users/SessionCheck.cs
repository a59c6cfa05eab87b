namespace VoicePlatform.Users;

/// <summary>Whether a session cookie is good now, and whose it is.</summary>
[GenerateSerializer, Immutable, Alias("vp.SessionCheck")]
public sealed record SessionCheck
{
    [Id(0)] public UserView? User { get; init; }
    [Id(1)] public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>Why it is not, when it is not.</summary>
    [Id(2)] public string? Failure { get; init; }

    public bool IsValid => User is not null;

    public static SessionCheck Invalid(string failure) => new() { Failure = failure };
}
