namespace VoicePlatform.Grains.Campaigns;

/// <summary>The phase after a command, and why it was refused when it was (the phase is then the one before).</summary>
public sealed record Transition(CampaignPhase Phase, string? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
