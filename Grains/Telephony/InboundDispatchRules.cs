using System.Text.Json;
using VoicePlatform.Calls;
using VoicePlatform.Grains.Telephony.LiveKit;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Telephony;

/// <summary>
/// The LiveKit dispatch rule that brings a number's calls to the platform: calls to the number only, each caller in a
/// room of its own (<see cref="InboundRoomName"/>, LiveKit's random suffix kept), and the named agent worker
/// dispatched as the caller's join creates the room — with a job that names no call and carries no credential, the
/// same for every call; the worker claims this call's instructions and credential from the platform.
/// </summary>
public static class InboundDispatchRules
{
    public static LiveKitSipDispatchRule For(TenantId tenant, PhoneNumberId number, string e164, string agentWorkerName)
    {
        var job = JsonSerializer.Serialize(new { job = "inbound-call", tenantId = tenant.Value, phoneNumberId = number.Value });
        return new LiveKitSipDispatchRule
        {
            Name = $"voiceplatform {tenant.Value} {number.Value}",
            Numbers = [e164],
            Rule = new LiveKitSipDispatchRuleKind { DispatchRuleIndividual = new LiveKitSipDispatchRuleIndividual { RoomPrefix = InboundRoomName.RulePrefix(tenant, number) } },
            Metadata = job,
            RoomConfig = new LiveKitRoomConfiguration
            {
                // A caller's room closes soon after the caller leaves; one nobody answers does not linger for 5 minutes.
                EmptyTimeoutSeconds = 60,
                DepartureTimeoutSeconds = 10,
                Agents = [new LiveKitRoomAgentDispatch(agentWorkerName, job)],
            },
        };
    }
}
