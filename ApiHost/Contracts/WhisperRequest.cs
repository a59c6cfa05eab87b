namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A coaching text for the AI agent on a live call; the callee never hears it.</summary>
public sealed record WhisperRequest(string? Text)
{
    /// <summary>Well under LiveKit's 15 KiB RPC payload, and as long as a coaching note needs to be.</summary>
    public const int MaxTextLength = 2000;

    public Dictionary<string, string[]> Validate(out string text)
    {
        text = Text?.Trim() ?? "";
        if (text.Length == 0) return new() { ["text"] = ["Required: what the agent should be told."] };
        if (text.Length > MaxTextLength) return new() { ["text"] = [$"At most {MaxTextLength} characters."] };
        return [];
    }
}
