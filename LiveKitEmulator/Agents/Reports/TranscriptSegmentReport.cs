namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>One utterance; <see cref="Id"/> is stable per call (<c>seg-1</c>, <c>seg-2</c>, …) so a repeated post replaces nothing.</summary>
public sealed record TranscriptSegmentReport(string Id, Speaker Speaker, string Text, long StartMs, long EndMs, bool Final);
