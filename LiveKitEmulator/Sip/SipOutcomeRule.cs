namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// Configuration of one rule: when <c>sip_call_to</c> matches <see cref="Pattern"/> (a glob: <c>*</c> any
/// run of characters, <c>?</c> one character; the whole number must match) the call has <see cref="Outcome"/>.
/// </summary>
public sealed class SipOutcomeRule
{
    public string Pattern { get; set; } = "";

    public string Outcome { get; set; } = "";
}
