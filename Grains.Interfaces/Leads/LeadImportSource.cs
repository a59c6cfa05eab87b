namespace VoicePlatform.Leads;

/// <summary>A lead list as it arrived: CSV text, or rows of fields (a JSON import; variables as <c>variables.name</c>).</summary>
[GenerateSerializer, Immutable, Alias("vp.LeadImportSource")]
public sealed record LeadImportSource
{
    /// <summary>The most rows one synchronous import takes.</summary>
    public const int MaxRows = 10_000;

    [Id(0)] public string? Csv { get; init; }
    [Id(1)] public IReadOnlyList<IReadOnlyDictionary<string, string>>? Rows { get; init; }
}
