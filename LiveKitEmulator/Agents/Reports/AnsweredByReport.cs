namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>Body of <c>POST /api/calls/{callId}/answered-by</c>.</summary>
public sealed record AnsweredByReport(AnsweredBy AnsweredBy);
