namespace VoicePlatform.Common;

/// <summary>The outcome of a write and, when it succeeded, the object as now stored.</summary>
[GenerateSerializer, Immutable, Alias("vp.WriteResult`1")]
public sealed record WriteResult<T>
{
    [Id(0)] public required WriteOutcome Outcome { get; init; }
    [Id(1)] public T? Value { get; init; }

    /// <summary>Why a Conflict or InvalidReference happened: the field, and what blocks the change.</summary>
    [Id(2)] public string? Field { get; init; }
    [Id(3)] public string? Detail { get; init; }
    [Id(4)] public IReadOnlyList<string> Blockers { get; init; } = [];

    public static WriteResult<T> Ok(T value) => new() { Outcome = WriteOutcome.Ok, Value = value };
    public static WriteResult<T> Created(T value) => new() { Outcome = WriteOutcome.Created, Value = value };
    public static WriteResult<T> NotFound() => new() { Outcome = WriteOutcome.NotFound };
    public static WriteResult<T> Stale() => new() { Outcome = WriteOutcome.PreconditionFailed };
    public static WriteResult<T> Conflict(string detail, IReadOnlyList<string> blockers) => new() { Outcome = WriteOutcome.Conflict, Detail = detail, Blockers = blockers };
    public static WriteResult<T> BadReference(string field, string detail) => new() { Outcome = WriteOutcome.InvalidReference, Field = field, Detail = detail };
}
