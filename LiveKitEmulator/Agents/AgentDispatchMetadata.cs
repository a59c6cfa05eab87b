using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// What the platform's call grain puts in a dispatch's metadata for the agent: the call, the compiled instructions
/// and texts (<c>{{variables}}</c> already filled), and a bearer credential valid for this call's worker posts only.
/// </summary>
public sealed record AgentDispatchMetadata(
    string CallId,
    string WorkerCredential,
    string TenantId,
    string AgentId,
    string Instructions,
    string Greeting,
    string VoicemailMessage,
    IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>
    /// Reads a call's metadata; false for anything else (a browser test-call room, free text, no credential), which a
    /// worker must leave alone because it has no call to report on and no right to report.
    /// </summary>
    public static bool TryParse(string metadata, [NotNullWhen(true)] out AgentDispatchMetadata? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(metadata))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(metadata);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var callId = Text(root, "callId");
            var credential = Text(root, "workerCredential");
            if (callId.Length == 0 || credential.Length == 0)
            {
                return false;
            }

            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("variables", out var vars) && vars.ValueKind == JsonValueKind.Object)
            {
                foreach (var variable in vars.EnumerateObject())
                {
                    if (variable.Value.ValueKind == JsonValueKind.String)
                    {
                        variables[variable.Name] = variable.Value.GetString()!;
                    }
                }
            }

            parsed = new AgentDispatchMetadata(callId, credential, Text(root, "tenantId"), Text(root, "agentId"),
                Text(root, "instructions"), Text(root, "greeting"), Text(root, "voicemailMessage"), variables);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Omits the credential: records print into logs, and a secret must never reach one.</summary>
    public override string ToString() => $"AgentDispatchMetadata {{ CallId = {CallId}, TenantId = {TenantId}, AgentId = {AgentId} }}";

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
}
