using VoicePlatform.DoNotCall;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A number to put on the tenant's do-not-call list, in international form, with an optional reason.</summary>
public sealed record DoNotCallRequest(string? Number, string? Reason)
{
    public Dictionary<string, string[]> Validate(string field, string actor, DateTimeOffset now, DoNotCallSource source, out DoNotCallEntry entry)
    {
        var errors = new Dictionary<string, string[]>();
        var prefix = field.Length == 0 ? "" : field + ".";
        if (!PhoneNumberParser.TryParse(Number, out var number, out var why)) errors[prefix + "number"] = [why];
        Common.Validation.Text(errors, prefix + "reason", Reason, DoNotCallEntry.MaxReasonLength);
        entry = new DoNotCallEntry { Number = number?.Value ?? "", Source = source, Reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(), AddedBy = actor, AddedAt = now };
        return errors;
    }
}
