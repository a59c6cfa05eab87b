namespace VoicePlatform.Leads;

/// <summary>What a bulk insert did: leads new to the campaign, and leads it already had (merged, left as they were).</summary>
[GenerateSerializer, Immutable, Alias("vp.LeadImportCounts")]
public sealed record LeadImportCounts(
    [property: Id(0)] int Added,
    [property: Id(1)] int AlreadyThere);
