namespace VoicePlatform.Common;

/// <summary>
/// An id that is a fixed prefix plus random base32 characters (<c>brd_…</c>, <c>agt_…</c>). The prefix
/// says what the id names and keeps Orleans' storage from reading the key as a number.
/// </summary>
public interface IPrefixedId<TSelf> where TSelf : struct, IPrefixedId<TSelf>
{
    static abstract string Prefix { get; }

    string Value { get; }

    /// <summary>Wraps a value that <see cref="PrefixedId.TryParse{T}"/> has already checked.</summary>
    static abstract TSelf FromValidated(string value);
}
