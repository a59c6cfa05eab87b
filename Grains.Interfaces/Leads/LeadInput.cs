namespace VoicePlatform.Leads;

/// <summary>
/// One lead as imported: the number (E.164 once validated), the known fields, and every other column kept as a prompt
/// variable. <see cref="Row"/> is where it came from (the CSV line, or the 1-based index in a JSON list).
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.LeadInput")]
public sealed record LeadInput
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 320;
    public const int MaxConsentSourceLength = 500;
    public const int MaxVariables = 50;
    public const int MaxVariableLength = 1000;

    [Id(0)] public required int Row { get; init; }
    [Id(1)] public required string Phone { get; init; }
    [Id(2)] public string? Name { get; init; }
    [Id(3)] public string? Email { get; init; }
    /// <summary>The lead's own IANA zone, when the list gives one; it outranks what the number suggests.</summary>
    [Id(4)] public string? TimeZone { get; init; }
    /// <summary>When and how the lead consented to calls (US numbers need it unless the campaign says otherwise).</summary>
    [Id(5)] public DateTimeOffset? ConsentAt { get; init; }
    [Id(6)] public string? ConsentSource { get; init; }
    [Id(7)] public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    /// <summary>The number as the import parsed it (region, zones), so admission does not parse it again.</summary>
    [Id(8)] public Telephony.E164Number? Parsed { get; init; }
}
