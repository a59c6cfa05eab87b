using VoicePlatform.LiveKitEmulator.Agents.Reports;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// A short, plausible conversation the scripted worker plays once a call is answered, and everything it reports
/// derived from it: transcript segments with stable ids, usage computed from what was actually said, and the
/// outcome. A plain class, so the script is tested without rooms or HTTP.
/// </summary>
public sealed class ConversationScript
{
    public const string Tag = "emulated";
    public const string HungUpTag = "callee-hung-up";

    private const string SttProvider = "deepgram";
    private const string SttModel = "nova-3";
    private const string LlmProvider = "openai";
    private const string LlmModel = "gpt-4o-mini";
    private const string TtsProvider = "cartesia";
    private const string TtsModel = "sonic-2";

    /// <summary>Roughly 16 characters a second: the pace of a speaking voice, so waits feel like a call.</summary>
    private static readonly TimeSpan PerCharacter = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan ShortestLine = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan FirstWords = TimeSpan.FromMilliseconds(600);
    private static readonly TimeSpan TurnGap = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan VoicemailBeep = TimeSpan.FromSeconds(2);

    private static readonly CallDisposition[] Dispositions = [CallDisposition.Qualified, CallDisposition.NotInterested, CallDisposition.CallbackRequested];

    /// <summary>
    /// A call variable (a lead's column) that fixes the callee's answer instead of the seeded choice: qualified,
    /// not-interested or callback-requested; with <see cref="CallbackAtVariable"/> (an ISO 8601 instant) the callback
    /// asks for that time instead of 15:00 UTC the next day. For tests and demos of outcomes.
    /// </summary>
    public const string DispositionVariable = "emulator_disposition";

    public const string CallbackAtVariable = "emulator_callback_at";

    private static string Kebab(CallDisposition disposition) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(disposition.ToString());

    /// <summary>Variables a campaign commonly fills with the callee's name, so the callee can answer to it.</summary>
    private static readonly string[] NameVariables = ["first_name", "firstName", "name"];

    private const string FallbackGreeting = "Hello! This is an automated assistant calling on behalf of our team. Do you have a minute?";

    private readonly string _instructions;
    private readonly OutcomeReport? _planned;

    private ConversationScript(IReadOnlyList<ScriptLine> lines, string instructions, int revealedBy, OutcomeReport? planned)
    {
        Lines = lines;
        _instructions = instructions;
        RevealedBy = revealedBy;
        _planned = planned;
    }

    public IReadOnlyList<ScriptLine> Lines { get; }

    /// <summary>How many lines must have been said before the callee's answer to the pitch is known.</summary>
    public int RevealedBy { get; }

    /// <summary>True for a message left on a machine: there is no conversation, so no outcome.</summary>
    public bool IsVoicemail => _planned is null;

    /// <summary>
    /// A conversation with a person: the platform's greeting, a pitch, the callee's answer (the seeded choice between
    /// qualified, not interested and a callback), and a goodbye.
    /// </summary>
    public static ConversationScript ForHuman(AgentDispatchMetadata call, Random random, DateTimeOffset answeredAt)
    {
        // The seeded draw is made either way, so a scripted lead leaves every other call's draw as it was.
        var drawn = Dispositions[random.Next(Dispositions.Length)];
        var scripted = call.Variables.TryGetValue(DispositionVariable, out var named)
            ? Enum.GetValues<CallDisposition>().Where(d => Kebab(d) == named).Cast<CallDisposition?>().FirstOrDefault()
            : null;
        var disposition = scripted ?? drawn;
        var callbackAt = call.Variables.TryGetValue(CallbackAtVariable, out var asked)
            && DateTimeOffset.TryParse(asked, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : new DateTimeOffset(answeredAt.UtcDateTime.Date.AddDays(1).AddHours(15), TimeSpan.Zero);
        var name = FirstName(call.Variables);
        var texts = new List<(Speaker, string)>
        {
            (Speaker.Agent, call.Greeting.Length > 0 ? call.Greeting : FallbackGreeting),
            (Speaker.Callee, name is null ? "Hello? Yes, speaking. What is this about?" : $"Hi, yes, this is {name}. What is this about?"),
            (Speaker.Agent, "Thanks for picking up. I'm calling to see whether we could help you, and it only takes a minute."),
        };
        texts.AddRange(disposition switch
        {
            CallDisposition.Qualified =>
            [
                (Speaker.Callee, "Actually, yes, we have been looking into that. We would like to get started next month."),
                (Speaker.Agent, "Great to hear. I'll note that you'd like to start next month, and a specialist will follow up with the details."),
                (Speaker.Callee, "Sounds good, thanks."),
            ],
            CallDisposition.NotInterested =>
            [
                (Speaker.Callee, "Sorry, I'm not interested right now."),
                (Speaker.Agent, "I understand, and I won't take more of your time."),
                (Speaker.Callee, "Okay, bye."),
            ],
            _ =>
            [
                (Speaker.Callee, "I'm in the middle of something. Could you call me back tomorrow afternoon?"),
                (Speaker.Agent, "Of course. I'll call you back tomorrow afternoon."),
                (Speaker.Callee, "Thanks, talk to you then."),
            ],
        });
        texts.Add((Speaker.Agent, "Thank you for your time. Goodbye!"));

        var outcome = disposition switch
        {
            CallDisposition.Qualified => new OutcomeReport(1, disposition, null, [Tag, "interested"],
                new Dictionary<string, string> { ["timeline"] = "next month" },
                "The callee is interested and would like to start next month; a specialist will follow up."),
            CallDisposition.NotInterested => new OutcomeReport(1, disposition, null, [Tag],
                new Dictionary<string, string>(), "The callee was not interested."),
            _ => new OutcomeReport(1, disposition, callbackAt, [Tag, "callback"],
                new Dictionary<string, string> { ["preferredTime"] = "tomorrow afternoon" },
                "The callee asked to be called back tomorrow afternoon."),
        };
        return new ConversationScript(Timed(texts, FirstWords), call.Instructions, revealedBy: 4, outcome);
    }

    /// <summary>A machine answered: after the beep, the platform's voicemail message, and nothing else.</summary>
    public static ConversationScript ForVoicemail(AgentDispatchMetadata call)
    {
        var lines = call.VoicemailMessage.Length > 0 ? Timed([(Speaker.Agent, call.VoicemailMessage)], VoicemailBeep) : [];
        return new ConversationScript(lines, call.Instructions, revealedBy: 0, planned: null);
    }

    /// <summary>The transcript segment of line <paramref name="index"/> (0-based): ids <c>seg-1</c>, <c>seg-2</c>, … never change.</summary>
    public TranscriptSegmentReport Segment(int index)
    {
        var line = Lines[index];
        return new TranscriptSegmentReport($"seg-{index + 1}", line.Speaker, line.Text,
            (long)line.Start.TotalMilliseconds, (long)line.End.TotalMilliseconds, Final: true);
    }

    /// <summary>
    /// Usage for the first <paramref name="spoken"/> lines: STT heard the call up to the last of them, the LLM wrote each
    /// agent line after the greeting from the instructions and the conversation so far, TTS spoke every agent line.
    /// Null when nothing was said.
    /// </summary>
    public UsageReport? Usage(int spoken)
    {
        var said = Lines.Take(spoken).ToArray();
        if (said.Length == 0)
        {
            return null;
        }

        var items = new List<UsageItemReport>
        {
            new(UsageKind.Stt, SttProvider, SttModel) { AudioMs = (long)said[^1].End.TotalMilliseconds },
        };
        long input = 0, output = 0;
        for (var i = 1; i < said.Length && !IsVoicemail; i++)
        {
            if (said[i].Speaker == Speaker.Agent)
            {
                input += Tokens(_instructions) + said.Take(i).Sum(line => Tokens(line.Text));
                output += Tokens(said[i].Text);
            }
        }

        if (output > 0)
        {
            items.Add(new UsageItemReport(UsageKind.Llm, LlmProvider, LlmModel) { InputTokens = input, OutputTokens = output });
        }

        var characters = said.Where(line => line.Speaker == Speaker.Agent).Sum(line => (long)line.Text.Length);
        if (characters > 0)
        {
            items.Add(new UsageItemReport(UsageKind.Tts, TtsProvider, TtsModel) { Characters = characters });
        }

        return new UsageReport("usage-1", items);
    }

    /// <summary>
    /// The outcome after <paramref name="spoken"/> lines; null for voicemail. A callee who hung up before answering the
    /// pitch was not interested; one who hung up later keeps the answer given, and both carry <see cref="HungUpTag"/>.
    /// </summary>
    public OutcomeReport? Outcome(int spoken, bool calleeHungUp)
    {
        if (_planned is not { } planned)
        {
            return null;
        }

        if (!calleeHungUp || spoken >= Lines.Count)
        {
            return planned;
        }

        if (spoken < RevealedBy)
        {
            return new OutcomeReport(1, CallDisposition.NotInterested, null, [Tag, HungUpTag], new Dictionary<string, string>(),
                $"The callee hung up after {spoken} of {Lines.Count} lines, before answering the pitch.");
        }

        return planned with { Tags = [.. planned.Tags, HungUpTag], Summary = planned.Summary + " The callee hung up before the goodbye." };
    }

    private static List<ScriptLine> Timed(IReadOnlyList<(Speaker Speaker, string Text)> texts, TimeSpan firstStart)
    {
        var lines = new List<ScriptLine>(texts.Count);
        var start = firstStart;
        foreach (var (speaker, text) in texts)
        {
            var length = PerCharacter * text.Length;
            var end = start + (length > ShortestLine ? length : ShortestLine);
            lines.Add(new ScriptLine(speaker, text, start, end));
            start = end + TurnGap;
        }

        return lines;
    }

    /// <summary>About four characters per token, the usual rule of thumb for English text.</summary>
    private static long Tokens(string text) => (text.Length + 3) / 4;

    private static string? FirstName(IReadOnlyDictionary<string, string> variables)
    {
        foreach (var key in NameVariables)
        {
            if (variables.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
