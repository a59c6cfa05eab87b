namespace VoicePlatform.Leads;

/// <summary>
/// A lead list read and checked: the valid leads (numbers normalised to E.164, duplicates merged into their first
/// row), the rejected rows with their reasons, and which rows were merged into which.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.LeadListParse")]
public sealed record LeadListParse
{
    [Id(0)] public required IReadOnlyList<LeadInput> Leads { get; init; }
    [Id(1)] public required IReadOnlyList<LeadRowProblem> Problems { get; init; }
    /// <summary>Rows whose number an earlier row already had, and the row each was merged into.</summary>
    [Id(2)] public IReadOnlyList<LeadMerge> Merged { get; init; } = [];

    /// <summary>A problem with the list as a whole (its header, its size): nothing in it can be imported.</summary>
    public bool IsUnreadable => Leads.Count == 0 && Problems.Any(p => p.Row <= 1);
}
