using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// LiveKit's <c>ListUpdate</c>: <c>set</c> replaces the list, <c>add</c>/<c>remove</c> edit it without duplicates,
/// <c>clear</c> empties it; <c>set</c> with <c>add</c>/<c>remove</c>, <c>clear</c> with anything, an empty update and
/// empty strings are refused.
/// </summary>
internal static class ListUpdate
{
    public static IReadOnlyList<string> Apply(IReadOnlyList<string> current, ProtoRequest? update)
    {
        if (update is null) return current;
        var set = update.Strings("set");
        var add = update.Strings("add");
        var remove = update.Strings("remove");
        var clear = update.Bool("clear");
        if (set.Concat(add).Concat(remove).Any(s => s.Length == 0)) throw TwirpException.InvalidArgument("empty strings are not allowed in list updates");
        if (clear && (set.Count > 0 || add.Count > 0 || remove.Count > 0)) throw TwirpException.InvalidArgument("clear cannot be combined with other list updates");
        if (set.Count > 0 && (add.Count > 0 || remove.Count > 0)) throw TwirpException.InvalidArgument("set cannot be combined with add or remove");
        if (clear) return [];
        if (set.Count > 0) return set.Distinct(StringComparer.Ordinal).ToArray();
        if (add.Count == 0 && remove.Count == 0) throw TwirpException.InvalidArgument("unsupported list update operation");
        var result = current.Where(item => !remove.Contains(item, StringComparer.Ordinal)).ToList();
        foreach (var item in add)
            if (!result.Contains(item, StringComparer.Ordinal)) result.Add(item);
        return result;
    }
}
