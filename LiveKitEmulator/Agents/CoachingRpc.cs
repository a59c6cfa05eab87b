using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// The platform's coaching contract with an agent worker: the RPC method a supervisor's whisper is performed with, and
/// its payload. A worker acknowledges by answering; the platform reports the whisper as received only then.
/// </summary>
public static class CoachingRpc
{
    public const string Method = "voiceplatform.coach";

    public sealed record Whisper(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("supervisor")] string Supervisor);

    public static Whisper? Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<Whisper>(payload) is { Id.Length: > 0, Text.Length: > 0 } whisper ? whisper : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
