namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>Body of <c>POST /api/calls/{callId}/end</c>: <c>{}</c>, the agent hanging up when its script is done.</summary>
public sealed record EndReport;
