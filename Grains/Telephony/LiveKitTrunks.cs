using System.Text.Json;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Telephony;

/// <summary>
/// A provisioned trunk's side of LiveKit: what the platform's settings become on LiveKit, and the create that is safe
/// to repeat — LiveKit's create has no idempotency key, so every trunk it makes carries the platform record in its
/// metadata, and a create first looks for a trunk an earlier attempt made (its answer lost) and takes that one over.
/// </summary>
public sealed class LiveKitTrunks(LiveKitClient liveKit, TenantId tenant, SipTrunkId trunk)
{
    private string Metadata => JsonSerializer.Serialize(new { voiceplatform = new { tenantId = tenant.Value, sipTrunkId = trunk.Value } });

    /// <summary>Creates the trunk on LiveKit (or takes over the one an earlier attempt created) and answers its id.</summary>
    public async Task<string> CreateAsync(SipTrunkSettings settings, string? password)
    {
        if (settings.Direction == SipTrunkDirection.Outbound)
        {
            var desired = Outbound(settings, password);
            var orphan = (await liveKit.ListSipOutboundTrunksAsync()).FirstOrDefault(t => t.Metadata == Metadata);
            if (orphan?.SipTrunkId is { } id)
            {
                await liveKit.ReplaceSipOutboundTrunkAsync(id, desired);
                return id;
            }
            return (await liveKit.CreateSipOutboundTrunkAsync(desired)).SipTrunkId!;
        }
        else
        {
            var desired = Inbound(settings, password);
            var orphan = (await liveKit.ListSipInboundTrunksAsync()).FirstOrDefault(t => t.Metadata == Metadata);
            if (orphan?.SipTrunkId is { } id)
            {
                await liveKit.ReplaceSipInboundTrunkAsync(id, desired);
                return id;
            }
            return (await liveKit.CreateSipInboundTrunkAsync(desired)).SipTrunkId!;
        }
    }

    /// <summary>Replaces the LiveKit trunk with the settings (safe to repeat).</summary>
    public Task UpdateAsync(string liveKitTrunkId, SipTrunkSettings settings, string? password) => settings.Direction == SipTrunkDirection.Outbound
        ? liveKit.ReplaceSipOutboundTrunkAsync(liveKitTrunkId, Outbound(settings, password))
        : liveKit.ReplaceSipInboundTrunkAsync(liveKitTrunkId, Inbound(settings, password));

    /// <summary>Deletes it; LiveKit answers success for a trunk already gone.</summary>
    public Task DeleteAsync(string liveKitTrunkId) => liveKit.DeleteSipTrunkAsync(liveKitTrunkId);

    /// <summary>Whether LiveKit has this trunk, of this direction (an inbound id is no outbound trunk).</summary>
    public async Task<bool> ExistsAsync(string liveKitTrunkId, SipTrunkDirection direction)
    {
        try
        {
            if (direction == SipTrunkDirection.Outbound) await liveKit.GetSipOutboundTrunkAsync(liveKitTrunkId);
            else await liveKit.GetSipInboundTrunkAsync(liveKitTrunkId);
            return true;
        }
        catch (LiveKitTwirpException e) when (e.Code == "not_found")
        {
            return false;
        }
    }

    private LiveKitSipOutboundTrunk Outbound(SipTrunkSettings settings, string? password) => new()
    {
        Name = settings.Name,
        Metadata = Metadata,
        Address = settings.Provider!.Address!,
        Transport = Transport(settings.Provider.Transport),
        Numbers = settings.Numbers,
        AuthUsername = settings.Provider.AuthUsername,
        AuthPassword = password,
    };

    private LiveKitSipInboundTrunk Inbound(SipTrunkSettings settings, string? password) => new()
    {
        Name = settings.Name,
        Metadata = Metadata,
        Numbers = settings.Numbers,
        AllowedAddresses = settings.Provider!.AllowedAddresses,
        AuthUsername = settings.Provider.AuthUsername,
        AuthPassword = password,
        // The caller hears ringing until the agent's audio is there; past this the platform's agent is not coming.
        RingingTimeout = TimeSpan.FromSeconds(30),
    };

    private static string Transport(SipTransport transport) => transport switch
    {
        SipTransport.Udp => "SIP_TRANSPORT_UDP",
        SipTransport.Tcp => "SIP_TRANSPORT_TCP",
        SipTransport.Tls => "SIP_TRANSPORT_TLS",
        _ => "SIP_TRANSPORT_AUTO",
    };
}
