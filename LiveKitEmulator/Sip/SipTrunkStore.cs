using System.Collections.Concurrent;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>Outbound trunks in memory.</summary>
public sealed class SipTrunkStore
{
    private readonly ConcurrentDictionary<string, (long Order, SipTrunk Trunk)> _trunks = new(StringComparer.Ordinal);
    private long _order;

    public void Add(SipTrunk trunk) => _trunks[trunk.SipTrunkId] = (Interlocked.Increment(ref _order), trunk);

    public SipTrunk? Find(string id) => _trunks.TryGetValue(id, out var entry) ? entry.Trunk : null;

    public IReadOnlyList<SipTrunk> List() => _trunks.Values.OrderBy(e => e.Order).Select(e => e.Trunk).ToArray();
}
