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
    string? Number, string? Label, PhoneNumberStatus? Status, string? AssignedBrandId, string? AssignedAgentId, string? TrunkId)
{
    public Dictionary<string, string[]> Validate(out PhoneNumberSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        settings = new PhoneNumberSettings
        {
            Number = PhoneNumberParser.TryParse(Number, out var number, out _) ? number.Value : Number ?? "",
            Label = string.IsNullOrWhiteSpace(Label) ? null : Label.Trim(),
            Status = Status ?? PhoneNumberStatus.Active,
            AssignedBrandId = Reference<BrandId>(errors, "assignedBrandId", AssignedBrandId),
            AssignedAgentId = Reference<AgentId>(errors, "assignedAgentId", AssignedAgentId),
            TrunkId = Reference<SipTrunkId>(errors, "trunkId", TrunkId),
        };
        TelephonyRules.Validate(settings, errors);
        return errors;
    }

    internal static T? Reference<T>(Dictionary<string, string[]> errors, string field, string? value) where T : struct, IPrefixedId<T>
    {
        if (value is null) return null;
        if (PrefixedId.TryParse<T>(value, out var id)) return id;
        errors[field] = [$"Not a {T.Prefix}… id."];
        return null;
    }
}
