namespace VoicePlatform.ApiKeys;

[GenerateSerializer, Immutable, Alias("vp.IssueApiKey")]
public sealed record IssueApiKey
{
    public const int MaxNameLength = 100;

    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required ApiKeyRole Role { get; init; }

    /// <summary>Who asked: "operator" or the key id of a tenant admin. Kept for the audit trail.</summary>
    [Id(2)] public required string IssuedBy { get; init; }
}
