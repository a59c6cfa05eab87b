namespace VoicePlatform.ApiKeys;

[GenerateSerializer, Immutable, Alias("vp.IssueApiKeyResult")]
public sealed record IssueApiKeyResult
{
    /// <summary>False when the tenant does not exist.</summary>
    [Id(0)] public required bool Issued { get; init; }
    [Id(1)] public ApiKeySummary? Key { get; init; }

    /// <summary>The whole bearer token. Shown once; only its hash is kept.</summary>
    [Id(2)] public string? Token { get; init; }

    public static IssueApiKeyResult TenantNotFound { get; } = new() { Issued = false };
}
