namespace VoicePlatform.Silo.Security;

/// <summary>
/// How repeated authentication failures are slowed; bound from <c>Security:AuthenticationFailures</c>. Two budgets per
/// window: one per client address (guessing) and a smaller one per key and address (so a wrong secret tried over and
/// over is stopped, while the same key from any other address keeps working — nobody can lock a real key out).
/// </summary>
public sealed class AuthenticationFailureOptions
{
    public const string SectionName = "Security:AuthenticationFailures";

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public int PerAddressLimit { get; set; } = 30;

    public int PerKeyAndAddressLimit { get; set; } = 5;
}
