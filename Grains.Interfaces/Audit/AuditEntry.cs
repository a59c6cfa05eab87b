namespace VoicePlatform.Audit;

/// <summary>
/// One change made to a tenant through the API, and who made it: a person's email, an API key's id, or "operator".
/// <see cref="Sequence"/> orders a tenant's entries (newest first in lists) and is the paging cursor.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.AuditEntry")]
public sealed record AuditEntry
{
    [Id(0)] public long Sequence { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    [Id(2)] public required string Actor { get; init; }
    /// <summary>The HTTP method: POST, PUT, PATCH or DELETE.</summary>
    [Id(3)] public required string Method { get; init; }
    /// <summary>The route as the API names it, e.g. <c>/api/brands/{brandId}</c>.</summary>
    [Id(4)] public required string Route { get; init; }
    /// <summary>The path with its ids, e.g. <c>/api/brands/brd_…</c>.</summary>
    [Id(5)] public required string Path { get; init; }
    [Id(6)] public required int Status { get; init; }
    [Id(7)] public string? CorrelationId { get; init; }

    public const int MaxTextLength = 500;
}
