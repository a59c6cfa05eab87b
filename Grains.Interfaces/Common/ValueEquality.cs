namespace VoicePlatform.Common;

/// <summary>
/// The pieces of explicit value equality for records that hold collections (a record compares its lists and
/// dictionaries by reference): lists compare in order, dictionaries as sets of entries, in any order. A request
/// record that overrides <c>Equals</c> with these lets a grain recognise an idempotent repeat or a no-op update.
/// </summary>
public static class ValueEquality
{
    public static bool Lists<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Count == b.Count && a.SequenceEqual(b));

    public static bool Dictionaries<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? a, IReadOnlyDictionary<TKey, TValue>? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null && a.Count == b.Count
            && a.All(entry => b.TryGetValue(entry.Key, out var other) && EqualityComparer<TValue>.Default.Equals(entry.Value, other)));
}
