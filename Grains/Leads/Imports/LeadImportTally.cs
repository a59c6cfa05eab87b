using VoicePlatform.Leads;

namespace VoicePlatform.Grains.Leads.Imports;

/// <summary>
/// What an import job has done so far, part by part: each part's report is added with its rows moved to the list's
/// own row numbers, and the first <see cref="LeadImportJob.MaxReportedProblems"/> rejected rows are kept with their
/// reasons (the rest counted), so a million-row list never grows the job's state.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.LeadImportTally")]
public sealed record LeadImportTally
{
    [Id(0)] public int RowsProcessed { get; init; }
    [Id(1)] public int Added { get; init; }
    [Id(2)] public int AlreadyInCampaign { get; init; }
    [Id(3)] public int RowsMerged { get; init; }
    [Id(4)] public int RowsRejected { get; init; }
    [Id(5)] public IReadOnlyList<LeadRowProblem> Rejected { get; init; } = [];

    public LeadImportTally Add(LeadImportReport part, int rowOffset)
    {
        var room = Math.Max(0, LeadImportJob.MaxReportedProblems - Rejected.Count);
        return this with
        {
            RowsProcessed = RowsProcessed + part.Received,
            Added = Added + part.Added,
            AlreadyInCampaign = AlreadyInCampaign + part.AlreadyInCampaign,
            RowsMerged = RowsMerged + part.Merged.Count,
            RowsRejected = RowsRejected + part.Rejected.Select(p => p.Row).Distinct().Count(),
            Rejected = room == 0 ? Rejected : [.. Rejected, .. part.Rejected.Take(room).Select(p => p with { Row = p.Row + rowOffset })],
        };
    }
}
