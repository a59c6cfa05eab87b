using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Calls;

/// <summary>How calls pay as they go.</summary>
public sealed class CallMeteringOptions : IValidatedOptions
{
    public static string SectionName => "Calls:Metering";

    /// <summary>
    /// The metering block: a call reserves one block of its estimated price before dialling, and while it is
    /// connected debits each elapsed block and reserves the next. Larger blocks mean fewer wallet operations and
    /// more money held per call.
    /// </summary>
    public TimeSpan BlockDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after an answered call ends it waits for the agent worker's last usage report before settling.
    /// Usage reported later is kept on the call but not charged.
    /// </summary>
    public TimeSpan SettlementGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long an inbound call that ended with its answer unseen (the caller gone before a poll saw the answer, which
    /// comes by no webhook) waits for the agent worker's answered-by report before it settles unanswered. Longer than the
    /// worker retries a report through an outage (the emulator's worker: about 15 s).
    /// </summary>
    public TimeSpan LateAnswerGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Said to an inbound caller when the tenant's wallet cannot pay for the call; the call then ends with nothing owed.
    /// </summary>
    public string InboundNoFundsMessage { get; set; } = "Thank you for calling. We cannot take your call right now; please try again later.";

    /// <summary>
    /// The longest an inbound call that only hears a message (closed, no funds) may last before the platform hangs up:
    /// such a call is never billed, so it must never be an unbounded free call.
    /// </summary>
    public TimeSpan MessageCallLimit { get; set; } = TimeSpan.FromSeconds(45);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(InboundNoFundsMessage) || InboundNoFundsMessage.Length > 500)
            errors.Add($"{SectionName}:InboundNoFundsMessage must be 1 to 500 characters.");
        if (MessageCallLimit < TimeSpan.FromSeconds(5) || MessageCallLimit > TimeSpan.FromMinutes(5))
            errors.Add($"{SectionName}:MessageCallLimit must be from 00:00:05 to 00:05:00; got {MessageCallLimit}.");
        if (BlockDuration < TimeSpan.FromMilliseconds(100) || BlockDuration > TimeSpan.FromHours(1))
            errors.Add($"{SectionName}:BlockDuration must be from 00:00:00.1 to 01:00:00; got {BlockDuration}.");
        if (SettlementGrace < TimeSpan.Zero || SettlementGrace > TimeSpan.FromMinutes(10))
            errors.Add($"{SectionName}:SettlementGrace must be from 00:00:00 to 00:10:00; got {SettlementGrace}.");
        if (LateAnswerGrace < TimeSpan.Zero || LateAnswerGrace > TimeSpan.FromMinutes(10))
            errors.Add($"{SectionName}:LateAnswerGrace must be from 00:00:00 to 00:10:00; got {LateAnswerGrace}.");
        return errors;
    }
}
