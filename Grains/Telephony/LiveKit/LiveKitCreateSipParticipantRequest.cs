namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary><c>CreateSIPParticipantRequest</c>: dial <see cref="SipCallTo"/> from <see cref="SipNumber"/> into a room.</summary>
public sealed record LiveKitCreateSipParticipantRequest
{
    /// <summary>The outbound trunk (<c>ST_...</c>).</summary>
    public string? SipTrunkId { get; init; }

    /// <summary>The number to dial; required, no <c>@</c>.</summary>
    public required string SipCallTo { get; init; }

    /// <summary>The caller id (From number); empty lets LiveKit pick one of the trunk's numbers.</summary>
    public string? SipNumber { get; init; }

    public required string RoomName { get; init; }

    /// <summary>Always set it: the server and the SDKs disagree on the default.</summary>
    public string? ParticipantIdentity { get; init; }

    public string? ParticipantName { get; init; }
    public string? ParticipantMetadata { get; init; }
    public IReadOnlyDictionary<string, string>? ParticipantAttributes { get; init; }
    public string? Dtmf { get; init; }
    public bool? PlayDialtone { get; init; }
    public bool? HidePhoneNumber { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Sent as a Duration string ("30s"); set it explicitly, the defaults differ between servers.</summary>
    public TimeSpan? RingingTimeout { get; init; }

    /// <summary>Sent as a Duration string; LiveKit caps it at 24 h.</summary>
    public TimeSpan? MaxCallDuration { get; init; }

    public bool? KrispEnabled { get; init; }

    /// <summary>Block until answered, or fail with the SIP status in the error meta.</summary>
    public bool? WaitUntilAnswered { get; init; }

    public string? DisplayName { get; init; }
}
