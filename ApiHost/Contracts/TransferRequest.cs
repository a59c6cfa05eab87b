using VoicePlatform.Calls;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>Hand the callee to a person at <c>to</c>, E.164.</summary>
public sealed record TransferRequest(string? To)
{
    public Dictionary<string, string[]> Validate(out TransferCall transfer)
    {
        transfer = null!;
        if (string.IsNullOrWhiteSpace(To)) return new() { ["to"] = ["Required."] };
        if (!PhoneNumberParser.IsE164(To)) return new() { ["to"] = ["An E.164 number such as +14155550100 is required."] };
        transfer = new TransferCall { To = To };
        return [];
    }
}
