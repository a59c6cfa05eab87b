namespace VoicePlatform.DoNotCall;

/// <summary>The result of adding a number: the entry as stored, and whether this request put it there (false: it already was).</summary>
[GenerateSerializer, Immutable, Alias("vp.DoNotCallAddition")]
public sealed record DoNotCallAddition(
    [property: Id(0)] DoNotCallEntry Entry,
    [property: Id(1)] bool Added);
