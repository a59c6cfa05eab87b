using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Calls;

/// <summary>
/// An ApiHost of its own whose embedded LiveKit emulator answers by number (the last digits say how) and runs
/// 10× faster than real time, so rings, answers and hang-ups take a fraction of a second (a long ring lasts 2.5 s,
/// long enough for the platform's one-second poll to see it ringing), with hostile webhook delivery.
/// </summary>
public sealed class CallsApiFixture : ApiHostFixture
{
    public const string Answers = "+15125550111";
    public const string AnswersThenHangsUp = "+15125550112";
    public const string Busy = "+15125550122";
    public const string NoAnswer = "+15125550133";
    public const string Rejects = "+15125550144";
    public const string CarrierFails = "+15125550155";
    public const string RingsLong = "+15125550166";

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveKitEmulator:TimeAcceleration", "10",
        // An empty room would close on its own after LiveKit's departure timeout; make that far longer than any wait
        // here, so a test sees the platform closing a call's room and not LiveKit.
        "--LiveKitEmulator:DepartureTimeout", "00:10:00",
        // Answered calls are recorded (audio-only egress), as a tenant with recording configured would have them.
        "--Calls:Recording:FilepathTemplate", "recordings/{tenant}/{call}.ogg",
        // Every webhook is delivered twice and in shuffled order, as LiveKit's retrying delivery may: every test
        // below also proves that duplicates and re-ordering change nothing.
        "--LiveKitEmulator:Webhook:Faults:DuplicateProbability", "1",
        "--LiveKitEmulator:Webhook:Faults:ReorderWindow", "3",
        .. Rule(0, Answers, "answer;ring=1"),
        .. Rule(1, AnswersThenHangsUp, "answer;ring=1;hangup=1"),
        .. Rule(2, Busy, "busy"),
        .. Rule(3, NoAnswer, "noanswer;ring=2"),
        .. Rule(4, Rejects, "rejected;ring=1"),
        .. Rule(5, CarrierFails, "failure"),
        .. Rule(6, RingsLong, "answer;ring=25"),
    ];

    private static string[] Rule(int index, string pattern, string outcome) =>
    [
        $"--LiveKitEmulator:Sip:Rules:{index}:Pattern", pattern,
        $"--LiveKitEmulator:Sip:Rules:{index}:Outcome", outcome,
    ];
}

[CollectionDefinition(Name)]
public sealed class CallsApiCollection : ICollectionFixture<CallsApiFixture>
{
    public const string Name = "calls api host";
}
