namespace VoicePlatform.Telephony;

/// <summary>
/// The carrier side of a trunk the platform creates on LiveKit: where outbound calls go (<see cref="Address"/>,
/// <see cref="Transport"/>), which sources may send inbound ones (<see cref="AllowedAddresses"/>), and the digest
/// user. The password is not here: it is write-only, kept encrypted by the trunk.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.SipTrunkProvider")]
public sealed record SipTrunkProvider
{
    public const int MaxAllowedAddresses = 50;

    /// <summary>Outbound: the carrier's host name or IP (no <c>sip:</c>, no user, no parameters).</summary>
    [Id(0)] public string? Address { get; init; }
    [Id(1)] public SipTransport Transport { get; init; }
    [Id(2)] public string? AuthUsername { get; init; }
    /// <summary>Inbound: IPs, CIDR ranges or host names calls may come from; empty allows any source.</summary>
    [Id(3)] public IReadOnlyList<string> AllowedAddresses { get; init; } = [];

    /// <summary>Value equality, the address list included.</summary>
    public bool Equals(SipTrunkProvider? other) =>
        other is not null && Address == other.Address && Transport == other.Transport && AuthUsername == other.AuthUsername
        && AllowedAddresses.SequenceEqual(other.AllowedAddresses, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Address, Transport, AuthUsername, AllowedAddresses.Count);
}
