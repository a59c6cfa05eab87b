using System.Globalization;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// One simulated call result, written <c>kind[;ring=SECONDS][;code=SIP][;hangup=SECONDS]</c>, for example
/// <c>answer;ring=5;hangup=60</c>, <c>busy</c>, <c>noanswer;code=408;ring=25</c>, <c>rejected;ring=2</c>,
/// <c>voicemail;ring=8</c>, <c>failure;code=500</c>, <c>timeout</c>. Kinds: answer, busy, noanswer,
/// rejected, voicemail, failure, timeout. <c>ring</c> is seconds of ringing before the result
/// (default 3 for answer/voicemail, 30 for noanswer, 0 otherwise: fails before any 18x);
/// <c>hangup</c> is seconds of conversation before the callee hangs up (default: never).
/// </summary>
public sealed record SipOutcome(SipOutcomeKind Kind, TimeSpan Ring, int SipCode, TimeSpan? HangupAfter)
{
    public static SipOutcome Parse(string text, string settingName)
    {
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw Invalid(text, settingName, "it is empty");
        }

        var kind = parts[0].ToLowerInvariant() switch
        {
            "answer" or "answered" => SipOutcomeKind.Answer,
            "busy" => SipOutcomeKind.Busy,
            "noanswer" or "no-answer" => SipOutcomeKind.NoAnswer,
            "rejected" or "reject" => SipOutcomeKind.Rejected,
            "voicemail" or "machine" => SipOutcomeKind.Voicemail,
            "failure" or "carrier-failure" => SipOutcomeKind.Failure,
            "timeout" or "ringing-timeout" => SipOutcomeKind.Timeout,
            _ => throw Invalid(text, settingName, $"'{parts[0]}' is not one of answer, busy, noanswer, rejected, voicemail, failure, timeout"),
        };
        var outcome = new SipOutcome(kind, DefaultRing(kind), DefaultCode(kind), null);
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var value = pair.Length == 2 ? pair[1] : throw Invalid(text, settingName, $"'{part}' is not key=value");
            outcome = pair[0].ToLowerInvariant() switch
            {
                "ring" => outcome with { Ring = Seconds(value, text, settingName) },
                "hangup" => outcome with { HangupAfter = Seconds(value, text, settingName) },
                "code" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 400 and <= 699
                    => outcome with { SipCode = code },
                "code" => throw Invalid(text, settingName, "code must be a SIP final status 400-699"),
                _ => throw Invalid(text, settingName, $"'{pair[0]}' is not one of ring, code, hangup"),
            };
        }

        return outcome;
    }

    private static TimeSpan DefaultRing(SipOutcomeKind kind) => kind switch
    {
        SipOutcomeKind.Answer or SipOutcomeKind.Voicemail => TimeSpan.FromSeconds(3),
        SipOutcomeKind.NoAnswer => TimeSpan.FromSeconds(30),
        _ => TimeSpan.Zero,
    };

    private static int DefaultCode(SipOutcomeKind kind) => kind switch
    {
        SipOutcomeKind.Busy => 486,
        SipOutcomeKind.NoAnswer => 480,
        SipOutcomeKind.Rejected => 603,
        SipOutcomeKind.Failure => 503,
        SipOutcomeKind.Timeout => 408,
        _ => 200,
    };

    private static TimeSpan Seconds(string value, string text, string settingName)
    {
        var number = value.EndsWith('s') ? value[..^1] : value;
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw Invalid(text, settingName, $"'{value}' is not a number of seconds");
    }

    private static Hosting.LiveKitEmulatorConfigurationException Invalid(string text, string settingName, string why) =>
        new($"{settingName} = '{text}' is not a SIP outcome: {why}. Syntax: kind[;ring=SECONDS][;code=SIP][;hangup=SECONDS].");
}
