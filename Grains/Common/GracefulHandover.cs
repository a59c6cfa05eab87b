namespace VoicePlatform.Grains.Common;

/// <summary>
/// When a silo leaves gracefully, its grains with work in hand (live calls, running campaigns) register a reminder due
/// at once, which wakes each on a silo that stays. Only worth it when another silo is active to take them: a single
/// silo shutting down (development, a whole-cluster stop) leaves them to the reminders and sweeps of the next start.
/// </summary>
public static class GracefulHandover
{
    public static readonly TimeSpan Due = TimeSpan.FromSeconds(1);

    public static bool Applies(DeactivationReason reason, IClusterMembershipService membership, SiloAddress self) =>
        reason.ReasonCode == DeactivationReasonCode.ShuttingDown
        && membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(self));
}
