using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// The carrier side of a trunk the platform creates on LiveKit: outbound, the carrier's <c>address</c> and
/// <c>transport</c>; inbound, the <c>allowedAddresses</c> calls may come from; either, the digest user and password.
/// The password is write-only: stored encrypted, never returned; leave it out of an update to keep the current one.
/// </summary>
public sealed record SipTrunkProviderRequest(string? Address, SipTransport? Transport, string? AuthUsername, string? AuthPassword, IReadOnlyList<string?>? AllowedAddresses)
{
    public SipTrunkProvider ToProvider() => new()
    {
        Address = string.IsNullOrWhiteSpace(Address) ? null : Address.Trim(),
        Transport = Transport ?? SipTransport.Auto,
        AuthUsername = string.IsNullOrWhiteSpace(AuthUsername) ? null : AuthUsername.Trim(),
        AllowedAddresses = (AllowedAddresses ?? []).Select(a => a?.Trim() ?? "").ToList(),
    };

    /// <summary>Leaves the password out: records print into logs, and a secret must never reach one.</summary>
    public override string ToString() => $"SipTrunkProviderRequest {{ Address = {Address}, Transport = {Transport}, AuthUsername = {AuthUsername} }}";
}
