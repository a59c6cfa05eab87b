namespace VoicePlatform.Leads;

/// <summary>A row of an import whose number an earlier row already had: it was merged into <see cref="MergedInto"/>.</summary>
[GenerateSerializer, Immutable, Alias("vp.LeadMerge")]
public sealed record LeadMerge(
    [property: Id(0)] int Row,
    [property: Id(1)] int MergedInto);
