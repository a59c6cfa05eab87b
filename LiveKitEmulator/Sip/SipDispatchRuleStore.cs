using System.Collections.Concurrent;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>Dispatch rules in memory, with LiveKit's conflict rule on writes and its selection rule for calls.</summary>
public sealed class SipDispatchRuleStore
{
    private readonly ConcurrentDictionary<string, (long Order, SipDispatchRule Rule)> _rules = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();
    private long _order;

    public SipDispatchRule? Find(string id) => _rules.TryGetValue(id, out var entry) ? entry.Rule : null;

    public IReadOnlyList<SipDispatchRule> List() => _rules.Values.OrderBy(e => e.Order).Select(e => e.Rule).ToArray();

    /// <summary>
    /// Stores a rule (new, or replacing its own id). Two rules conflict when they share a (PIN, trunk, caller number,
    /// called number) combination, each list read as "any" when empty: LiveKit's <c>invalid_argument</c>.
    /// </summary>
    public void Put(SipDispatchRule rule, bool isNew)
    {
        lock (_writes)
        {
            if (!isNew && !_rules.ContainsKey(rule.Id)) throw TwirpException.NotFound("requested sip dispatch rule does not exist");
            var keys = Keys(rule).ToHashSet();
            foreach (var other in List().Where(o => o.Id != rule.Id))
            {
                if (Keys(other).Any(keys.Contains))
                {
                    throw TwirpException.InvalidArgument(
                        $"Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in dispatch rule \"{other.Id}\" \"{(other.Name.Length > 0 ? other.Name : "<blank name>")}\"");
                }
            }
            var order = _rules.TryGetValue(rule.Id, out var existing) ? existing.Order : Interlocked.Increment(ref _order);
            _rules[rule.Id] = (order, rule);
        }
    }

    public bool Delete(string id)
    {
        lock (_writes) return _rules.TryRemove(id, out _);
    }

    /// <summary>
    /// The rule for a call that came in on <paramref name="trunkId"/> (empty when no trunk matched), or null: LiveKit then
    /// drops the INVITE. Rules naming the trunk beat wildcard rules; then LiveKit's priority; ties by room name or prefix.
    /// PIN rules are left out: the emulator's callers dial no digits.
    /// </summary>
    public SipDispatchRule? Match(string trunkId, string caller, string called)
    {
        var candidates = List()
            .Where(r => r.Pin.Length == 0)
            .Where(r => r.InboundNumbers.Count == 0 || r.InboundNumbers.Contains(caller, StringComparer.Ordinal))
            .Where(r => r.Numbers.Count == 0 || r.Numbers.Contains(called, StringComparer.Ordinal))
            .ToArray();
        var forTrunk = trunkId.Length == 0 ? [] : candidates.Where(r => r.TrunkIds.Contains(trunkId, StringComparer.Ordinal)).ToArray();
        var group = forTrunk.Length > 0 ? forTrunk : candidates.Where(r => r.TrunkIds.Count == 0).ToArray();
        return group.OrderBy(r => r.Priority).ThenBy(r => r.RoomNameOrPrefix, StringComparer.Ordinal).FirstOrDefault();
    }

    private static IEnumerable<string> Keys(SipDispatchRule rule)
    {
        IEnumerable<string> Or(IReadOnlyList<string> values) => values.Count == 0 ? ["*"] : values;
        return from trunk in Or(rule.TrunkIds)
               from inbound in Or(rule.InboundNumbers)
               from number in Or(rule.Numbers)
               select $"{rule.Pin}|{trunk}|{inbound}|{number}";
    }
}
