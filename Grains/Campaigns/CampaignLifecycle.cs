using VoicePlatform.Campaigns;

namespace VoicePlatform.Grains.Campaigns;

/// <summary>
/// The campaign state machine, free of Orleans and clocks. Every command is idempotent — asking for the state the
/// campaign is already in answers it unchanged (the same instance, so the grain writes nothing) — and a command that
/// does not apply is refused with the reason, changing nothing.
/// </summary>
public static class CampaignLifecycle
{
    /// <summary>Start: to Scheduled when <paramref name="startsAt"/> is still ahead, else Running.</summary>
    public static Transition Start(CampaignPhase phase, DateTimeOffset now, DateTimeOffset? startsAt) => phase.Status switch
    {
        CampaignStatus.Draft => Moved(startsAt is { } at && at > now ? CampaignStatus.Scheduled : CampaignStatus.Running),
        CampaignStatus.Scheduled or CampaignStatus.Running => Unchanged(phase),
        CampaignStatus.Paused => Refused(phase, "The campaign is paused: resume it instead."),
        _ => Refused(phase, $"The campaign is {Name(phase)}."),
    };

    /// <summary>The start time has come.</summary>
    public static Transition StartTimeReached(CampaignPhase phase) =>
        phase.Status == CampaignStatus.Scheduled ? Moved(CampaignStatus.Running) : Unchanged(phase);

    /// <summary>
    /// Pause. A person's pause outranks the campaign's own: it stays until a person resumes, and a campaign paused
    /// for funds that a person also pauses is no longer resumed by a top-up.
    /// </summary>
    public static Transition Pause(CampaignPhase phase, PauseReason reason) => phase.Status switch
    {
        CampaignStatus.Running or CampaignStatus.Scheduled => new Transition(new CampaignPhase(CampaignStatus.Paused, reason), null),
        CampaignStatus.Paused when phase.PausedFor == reason || phase.PausedFor == PauseReason.Requested => Unchanged(phase),
        CampaignStatus.Paused when reason == PauseReason.Requested => new Transition(new CampaignPhase(CampaignStatus.Paused, reason), null),
        CampaignStatus.Paused => Unchanged(phase),
        CampaignStatus.Draft => Refused(phase, "The campaign has not started."),
        _ => Refused(phase, $"The campaign is {Name(phase)}."),
    };

    /// <summary>A person resumes: to Running (or Scheduled, when its start is still ahead).</summary>
    public static Transition Resume(CampaignPhase phase, DateTimeOffset now, DateTimeOffset? startsAt) => phase.Status switch
    {
        CampaignStatus.Paused => Moved(startsAt is { } at && at > now ? CampaignStatus.Scheduled : CampaignStatus.Running),
        CampaignStatus.Running or CampaignStatus.Scheduled => Unchanged(phase),
        CampaignStatus.Draft => Refused(phase, "The campaign has not started: start it."),
        _ => Refused(phase, $"The campaign is {Name(phase)}."),
    };

    /// <summary>The campaign resumes itself (a top-up after it paused for funds, with auto-resume on); never undoes a person's pause.</summary>
    public static Transition AutoResume(CampaignPhase phase, PauseReason cleared, bool autoResumeEnabled) =>
        autoResumeEnabled && phase.Status == CampaignStatus.Paused && phase.PausedFor == cleared && cleared != PauseReason.Requested
            ? Moved(CampaignStatus.Running)
            : Unchanged(phase);

    public static Transition Cancel(CampaignPhase phase) => phase.Status switch
    {
        CampaignStatus.Cancelled => Unchanged(phase),
        CampaignStatus.Completed => Refused(phase, "The campaign has completed."),
        _ => Moved(CampaignStatus.Cancelled),
    };

    /// <summary>No lead can be dialed again: a running or paused campaign completes.</summary>
    public static Transition NoLeadLeft(CampaignPhase phase) =>
        phase.Status is CampaignStatus.Running or CampaignStatus.Paused ? Moved(CampaignStatus.Completed) : Unchanged(phase);

    /// <summary>Settings may change in Draft and Paused only (an edit applies to the next dial).</summary>
    public static string? WhyNotEditable(CampaignPhase phase) =>
        phase.Status is CampaignStatus.Draft or CampaignStatus.Paused ? null : $"A {Name(phase)} campaign cannot be edited; pause it first.";

    /// <summary>A campaign may be deleted when it is not running (nor waiting to run).</summary>
    public static string? WhyNotDeletable(CampaignPhase phase) =>
        phase.Status is CampaignStatus.Running or CampaignStatus.Scheduled ? $"A {Name(phase)} campaign cannot be deleted; pause or cancel it first." : null;

    private static Transition Moved(CampaignStatus to) => new(new CampaignPhase(to), null);

    private static Transition Unchanged(CampaignPhase phase) => new(phase, null);

    private static Transition Refused(CampaignPhase phase, string reason) => new(phase, reason);

    private static string Name(CampaignPhase phase) => phase.Status.ToString().ToLowerInvariant();
}
