using VoicePlatform.Calls;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>One utterance; <c>final: false</c> marks an interim result that a later post with the same id replaces.</summary>
public sealed record TranscriptSegmentRequest(string? Id, Speaker? Speaker, string? Text, long? StartMs, long? EndMs, bool? Final);
