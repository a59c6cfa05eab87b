namespace VoicePlatform.LiveKitEmulator.Agents.Reports;

/// <summary>
/// Body of <c>POST /api/calls/{callId}/outcome</c>. The worker sends one outcome per call with <see cref="Sequence"/> 1,
/// so a retry is the same post again. <see cref="CallbackAt"/> is left out unless the disposition is callback-requested.
/// </summary>
public sealed record OutcomeReport(
    int Sequence,
    CallDisposition Disposition,
    DateTimeOffset? CallbackAt,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Fields,
    string Summary);
