namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>Body of <c>POST /api/calls/{callId}/transcript</c>.</summary>
public sealed record TranscriptReport(IReadOnlyList<TranscriptSegmentReport> Segments);
