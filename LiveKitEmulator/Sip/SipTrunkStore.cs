using System.Collections.Concurrent;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>Outbound and inbound trunks in memory, apart as LiveKit keeps them (an inbound id is not found as outbound).</summary>
public sealed class SipTrunkStore
{
    private readonly ConcurrentDictionary<string, (long Order, SipTrunk Trunk)> _trunks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Order, SipInboundTrunk Trunk)> _inbound = new(StringComparer.Ordinal);
    private readonly Lock _inboundWrites = new();
    private long _order;

    public void Add(SipTrunk trunk) => _trunks[trunk.SipTrunkId] = (Interlocked.Increment(ref _order), trunk);

    public SipTrunk? Find(string id) => _trunks.TryGetValue(id, out var entry) ? entry.Trunk : null;

    public IReadOnlyList<SipTrunk> List() => _trunks.Values.OrderBy(e => e.Order).Select(e => e.Trunk).ToArray();

    /// <summary>Replaces an outbound trunk that exists; false when it does not.</summary>
    public bool Replace(SipTrunk trunk)
    {
        if (!_trunks.TryGetValue(trunk.SipTrunkId, out var entry)) return false;
        _trunks[trunk.SipTrunkId] = (entry.Order, trunk);
        return true;
    }

    public SipInboundTrunk? FindInbound(string id) => _inbound.TryGetValue(id, out var entry) ? entry.Trunk : null;

    public IReadOnlyList<SipInboundTrunk> ListInbound() => _inbound.Values.OrderBy(e => e.Order).Select(e => e.Trunk).ToArray();

    /// <summary>
    /// Stores an inbound trunk (new or replacing its own id) after LiveKit's conflict rule: two trunks sharing a called
    /// number (or both accepting any) conflict unless their allowed caller numbers tell them apart.
    /// </summary>
    public void PutInbound(SipInboundTrunk trunk, bool isNew)
    {
        lock (_inboundWrites)
        {
            if (!isNew && !_inbound.ContainsKey(trunk.SipTrunkId)) throw Twirp.TwirpException.NotFound("requested sip trunk does not exist");
            foreach (var other in ListInbound().Where(o => o.SipTrunkId != trunk.SipTrunkId))
            {
                var sharedNumbers = (trunk.Numbers.Count == 0 && other.Numbers.Count == 0) || trunk.Numbers.Intersect(other.Numbers, StringComparer.Ordinal).Any();
                var toldApart = trunk.AllowedNumbers.Count > 0 && other.AllowedNumbers.Count > 0 && !trunk.AllowedNumbers.Intersect(other.AllowedNumbers, StringComparer.Ordinal).Any();
                if (sharedNumbers && !toldApart)
                {
                    var self = isNew ? "<new>" : trunk.SipTrunkId;
                    throw Twirp.TwirpException.InvalidArgument(
                        $"Conflicting inbound SIP Trunks: \"{self}\" and \"{other.SipTrunkId}\", using the same number(s) [{string.Join(", ", trunk.Numbers.Intersect(other.Numbers, StringComparer.Ordinal))}] without AllowedNumbers set");
                }
            }
            var order = _inbound.TryGetValue(trunk.SipTrunkId, out var existing) ? existing.Order : Interlocked.Increment(ref _order);
            _inbound[trunk.SipTrunkId] = (order, trunk);
        }
    }

    /// <summary>Deletes a trunk of either kind; LiveKit answers success for an unknown id too.</summary>
    public void Delete(string id)
    {
        _trunks.TryRemove(id, out _);
        lock (_inboundWrites) _inbound.TryRemove(id, out _);
    }
}
