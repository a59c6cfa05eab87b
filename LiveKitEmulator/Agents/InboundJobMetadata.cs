using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// What a platform's dispatch rule names for the agent it launches in every inbound call's room:
/// <c>{"job":"inbound-call"}</c> and the platform's own references. It carries no credential and no instructions — the
/// same for every call to the number — so the worker asks the platform for this call's (<see cref="InboundClaimClient"/>).
/// </summary>
public sealed record InboundJobMetadata(string TenantId, string PhoneNumberId)
{
    public const string JobKind = "inbound-call";

    public static bool TryParse(string metadata, [NotNullWhen(true)] out InboundJobMetadata? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(metadata)) return false;
        try
        {
            using var document = JsonDocument.Parse(metadata);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("job", out var job) || job.GetString() != JobKind) return false;
            parsed = new InboundJobMetadata(Text(root, "tenantId"), Text(root, "phoneNumberId"));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
