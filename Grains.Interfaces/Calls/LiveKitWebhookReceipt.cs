namespace VoicePlatform.Calls;

/// <summary>What became of a LiveKit webhook; <see cref="Detail"/> says why when it was refused.</summary>
public sealed record LiveKitWebhookReceipt(LiveKitWebhookOutcome Outcome, string? Detail = null);
