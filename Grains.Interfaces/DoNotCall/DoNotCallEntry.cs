using VoicePlatform.Calls;

namespace VoicePlatform.DoNotCall;

/// <summary>A number a tenant must not call, with who put it there, when and why.</summary>
[GenerateSerializer, Immutable, Alias("vp.DoNotCallEntry")]
public sealed record DoNotCallEntry
{
    public const int MaxReasonLength = 500;

    /// <summary>E.164.</summary>
    [Id(0)] public required string Number { get; init; }
    [Id(1)] public required DoNotCallSource Source { get; init; }
    [Id(2)] public string? Reason { get; init; }
    /// <summary>The key id that added it, <c>operator</c>, or <c>platform</c> for a call's outcome.</summary>
    [Id(3)] public required string AddedBy { get; init; }
    [Id(4)] public required DateTimeOffset AddedAt { get; init; }
    /// <summary>The call whose outcome added it, when a call did.</summary>
    [Id(5)] public CallId? CallId { get; init; }
}
