namespace VoicePlatform.Leads;

/// <summary>
/// One part of a large lead list on its way into an import job: up to <see cref="LeadImportSource.MaxRows"/> rows,
/// CSV parts repeating the list's header. <see cref="RowOffset"/> turns the part's own row numbers into the list's
/// (a CSV part's row is a line number, so the offset counts lines, quoted line breaks included).
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.LeadUploadPart")]
public sealed record LeadUploadPart
{
    /// <summary>0 for the first part; parts are numbered without gaps.</summary>
    [Id(0)] public required int Sequence { get; init; }
    [Id(1)] public required int RowOffset { get; init; }
    [Id(2)] public required LeadImportSource Source { get; init; }

    /// <summary>Rows in the part as the upload counted them (records after the header, blank lines included).</summary>
    [Id(3)] public required int Rows { get; init; }
}
