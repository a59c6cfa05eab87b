using System.Globalization;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// The query string of the ledger routes: entry time <c>from</c> (inclusive) to <c>to</c> (exclusive) as ISO 8601
/// times with an offset, and <c>after</c>, the previous page's <c>next</c> (a sequence: the page holds older entries).
/// Newest first, a page at a time.
/// </summary>
public sealed record LedgerRequestQuery(string? From, string? To, string? After, int? Limit)
{
    public Dictionary<string, string[]> Validate(out WalletLedgerQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = QueryFilters.Limit(Limit, errors);
        var from = QueryFilters.Time(From, "from", errors);
        var to = QueryFilters.Time(To, "to", errors);
        if (from is not null && to is not null && to <= from) errors["to"] = ["Must be after 'from'."];
        long? after = null;
        if (After is not null)
        {
            if (long.TryParse(After, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0) after = sequence;
            else errors["after"] = ["Not a cursor from a previous page's 'next'."];
        }
        query = new WalletLedgerQuery { From = from, To = to, After = after, Limit = limit };
        return errors;
    }
}
