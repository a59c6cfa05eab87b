using System.Text.RegularExpressions;
using VoicePlatform.Agents;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A call as a client asks for it: the agent, the callee in E.164, optionally the caller-id number, and lead variables.</summary>
public sealed partial record PlaceCallRequest(
    string? AgentId,
    string? To,
    string? FromNumberId,
    Dictionary<string, string>? Variables)
{
    public const int MaxVariables = 100;
    public const int MaxVariableLength = 1000;

    public Dictionary<string, string[]> Validate(out PlaceCall call)
    {
        var errors = new Dictionary<string, string[]>();
        call = null!;
        if (!PrefixedId.TryParse<AgentId>(AgentId, out var agent)) errors["agentId"] = ["The id of one of your agents (agt_…) is required."];
        if (string.IsNullOrWhiteSpace(To)) errors["to"] = ["Required."];
        else if (!PhoneNumberParser.IsE164(To)) errors["to"] = ["An E.164 number such as +14155550100 is required."];
        PhoneNumberId? from = null;
        if (FromNumberId is not null)
        {
            if (PrefixedId.TryParse<PhoneNumberId>(FromNumberId, out var number)) from = number;
            else errors["fromNumberId"] = ["The id of one of your numbers (num_…)."];
        }
        var variables = Variables ?? [];
        if (variables.Count > MaxVariables) errors["variables"] = [$"At most {MaxVariables} variables."];
        foreach (var (name, value) in variables)
        {
            if (!VariableName().IsMatch(name)) errors[$"variables.{name}"] = ["Variable names are lower_snake_case, starting with a letter."];
            else if (value is null || value.Length > MaxVariableLength) errors[$"variables.{name}"] = [$"A value of at most {MaxVariableLength} characters."];
        }
        if (errors.Count == 0) call = new PlaceCall { AgentId = agent, To = To!, FromNumberId = from, Variables = variables };
        return errors;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex VariableName();
}
