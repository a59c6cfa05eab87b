using System.Diagnostics.CodeAnalysis;

namespace VoicePlatform.Common;

/// <summary>
/// An id that is a fixed prefix plus random base32 characters (<c>brd_…</c>, <c>agt_…</c>). The prefix
/// says what the id names and keeps Orleans' storage from reading the key as a number.
/// </summary>
public interface IPrefixedId<TSelf> : IRouteId<TSelf> where TSelf : struct, IPrefixedId<TSelf>
{
    static abstract string Prefix { get; }

    string Value { get; }

    /// <summary>Wraps a value that <see cref="PrefixedId.TryParse{T}"/> has already checked.</summary>
    static abstract TSelf FromValidated(string value);

    static TSelf IParsable<TSelf>.Parse(string s, IFormatProvider? provider) => PrefixedId.Parse<TSelf>(s);

    static bool IParsable<TSelf>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TSelf result) => PrefixedId.TryParse(s, out result);

    /// <summary>The same, public: what ASP.NET Core's parameter binding looks for to bind the id from a route.</summary>
    public new static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TSelf result) => PrefixedId.TryParse(s, out result);
}
