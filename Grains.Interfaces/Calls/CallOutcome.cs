using VoicePlatform.Common;
namespace VoicePlatform.Calls;

/// <summary>
/// The agent worker's verdict on a call. Posts are ordered by <see cref="Sequence"/>: a higher one replaces the
/// outcome, the same one repeated changes nothing, and an older one is ignored — so retries and late deliveries
/// never roll an outcome back.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CallOutcome")]
public sealed record CallOutcome
{
    public const int MaxTags = 20;
    public const int MaxFields = 50;
    public const int MaxSummaryLength = 4000;

    [Id(0)] public required int Sequence { get; init; }
    [Id(1)] public required CallDisposition Disposition { get; init; }
    /// <summary>When to call back; required for callback-requested, refused otherwise.</summary>
    [Id(2)] public DateTimeOffset? CallbackAt { get; init; }
    [Id(3)] public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Values the agent extracted from the conversation (e.g. budget, timeline).</summary>
    [Id(4)] public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
    [Id(5)] public string? Summary { get; init; }

    /// <summary>The same outcome: tags in order, fields in any order.</summary>
    public bool SameAs(CallOutcome other) =>
        this with { Tags = other.Tags, Fields = other.Fields } == other && ValueEquality.Lists(Tags, other.Tags) && ValueEquality.Dictionaries(Fields, other.Fields);
}
