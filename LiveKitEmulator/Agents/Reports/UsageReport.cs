namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>Body of <c>POST /api/calls/{callId}/usage</c>; the worker sends one batch per call, always <c>usage-1</c>.</summary>
public sealed record UsageReport(string Id, IReadOnlyList<UsageItemReport> Items);
