namespace VoicePlatform.Common;

/// <summary>
/// An id the API takes from a route (<c>/api/brands/{brandId}</c>): the handler binds the typed id, and text that is
/// no such id is answered 404 before the handler runs, naming <see cref="Noun"/> — so no handler parses ids.
/// </summary>
public interface IRouteId<TSelf> : IParsable<TSelf> where TSelf : IRouteId<TSelf>
{
    /// <summary>What the id names, as an error message says it: "brand", "SIP trunk".</summary>
    static abstract string Noun { get; }
}
