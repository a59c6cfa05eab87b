namespace VoicePlatform.Agents;

[GenerateSerializer, Immutable, Alias("vp.VoicemailBehaviour")]
public sealed record VoicemailBehaviour
{
    [Id(0)] public VoicemailAction Action { get; init; } = VoicemailAction.HangUp;
    /// <summary>Required when leaving a message; may use {{variables}}.</summary>
    [Id(1)] public string? Message { get; init; }
}
