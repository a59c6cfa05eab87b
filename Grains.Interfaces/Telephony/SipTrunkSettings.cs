namespace VoicePlatform.Telephony;

/// <summary>Everything about a SIP trunk its owner edits; written whole on create and update.</summary>
[GenerateSerializer, Immutable, Alias("vp.SipTrunkSettings")]
public sealed record SipTrunkSettings
{
    /// <summary>
    /// The LiveKit trunk (<c>ST_…</c>): an existing one to attach, or — with <see cref="Provider"/> — empty in a request,
    /// the one the platform created once stored.
    /// </summary>
    [Id(0)] public required string LiveKitTrunkId { get; init; }
    [Id(1)] public required string Name { get; init; }
    /// <summary>E.164 caller ids the trunk may present; empty means the carrier accepts any of the tenant's numbers.</summary>
    [Id(2)] public IReadOnlyList<string> Numbers { get; init; } = [];
    [Id(3)] public required int MaxConcurrentCalls { get; init; }
    [Id(4)] public required double CallsPerSecond { get; init; }
    [Id(5)] public SipTrunkStatus Status { get; init; }
    [Id(6)] public SipTrunkDirection Direction { get; init; }
    /// <summary>Set when the platform creates, updates and deletes the trunk on LiveKit itself.</summary>
    [Id(7)] public SipTrunkProvider? Provider { get; init; }
    /// <summary>The new SIP password, in a request only (never stored as such); null in an update keeps the current one.</summary>
    [Id(8)] public SipSecret? AuthPassword { get; init; }

    public bool Provisioned => Provider is not null;

    /// <summary>Value equality including the lists (records compare lists by reference); the password is not compared here.</summary>
    public bool SameAs(SipTrunkSettings other) =>
        this with { Numbers = other.Numbers, AuthPassword = other.AuthPassword } == other && Numbers.SequenceEqual(other.Numbers, StringComparer.Ordinal);
}
