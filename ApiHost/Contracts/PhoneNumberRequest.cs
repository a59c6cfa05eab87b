using VoicePlatform.ApiHost.Http;
using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Common;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// A caller-id number as a client sends it, to create or to replace (PUT); an omitted status means active.
/// <see cref="Number"/> may be typed as people write it (+1 415-555-0100); it is stored in E.164.
/// </summary>
public sealed record PhoneNumberRequest(
    string? Number, string? Label, PhoneNumberStatus? Status, string? AssignedBrandId, string? AssignedAgentId, string? TrunkId,
    InboundRoutingRequest? Inbound = null)
{
    public Dictionary<string, string[]> Validate(out PhoneNumberSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        settings = new PhoneNumberSettings
        {
            Number = PhoneNumberParser.TryParse(Number, out var number, out _) ? number.Value : Number ?? "",
            Label = string.IsNullOrWhiteSpace(Label) ? null : Label.Trim(),
            Status = Status ?? PhoneNumberStatus.Active,
            AssignedBrandId = QueryFilters.Id<BrandId>(AssignedBrandId, "assignedBrandId", errors),
            AssignedAgentId = QueryFilters.Id<AgentId>(AssignedAgentId, "assignedAgentId", errors),
            TrunkId = QueryFilters.Id<SipTrunkId>(TrunkId, "trunkId", errors),
            Inbound = Inbound?.ToRouting("inbound.", errors),
        };
        TelephonyRules.Validate(settings, errors);
        return errors;
    }
}
