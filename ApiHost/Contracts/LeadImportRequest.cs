using VoicePlatform.Leads;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// Leads for a campaign: either <c>csv</c> (the file's text: a header row with at least <c>phone</c>; every unknown
/// column becomes a prompt variable) or <c>leads</c> (the same fields as JSON), up to <see cref="LeadImportSource.MaxRows"/>.
/// </summary>
public sealed record LeadImportRequest(string? Csv, IReadOnlyList<LeadImportRow>? Leads)
{
    public Dictionary<string, string[]> Validate(out LeadImportSource source) => Validate(LeadImportSource.MaxRows, out source);

    /// <summary>Checks the request for a list of at most <paramref name="maxRows"/> leads (an import job takes more than a direct import).</summary>
    public Dictionary<string, string[]> Validate(int maxRows, out LeadImportSource source)
    {
        var errors = new Dictionary<string, string[]>();
        if ((Csv is null) == (Leads is null)) errors["csv"] = ["Send either csv (the file's text) or leads (a JSON list), not both and not neither."];
        if (Leads is { Count: 0 }) errors["leads"] = ["At least one lead."];
        if (Leads?.Count > maxRows) errors["leads"] = [$"At most {maxRows} leads per request."];
        source = new LeadImportSource { Csv = Csv, Rows = Leads?.Select(l => l.ToFields()).ToList() };
        return errors;
    }
}
