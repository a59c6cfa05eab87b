namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>Body of <c>POST /api/calls/{callId}/answered-by</c>: who answered and when the worker heard it.</summary>
public sealed record AnsweredByReport(AnsweredBy AnsweredBy, DateTimeOffset? AnsweredAt = null);
