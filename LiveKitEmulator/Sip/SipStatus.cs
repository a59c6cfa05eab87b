using System.Globalization;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>A final SIP response of a failed INVITE and how LiveKit reports it (PROTOCOL.md §1 and §5).</summary>
public sealed record SipStatus(int Code, string Reason)
{
    public static SipStatus Of(int code) => new(code, ReasonPhrase(code));

    /// <summary>The Twirp code from LiveKit's SIP response table.</summary>
    public string TwirpCode => Code switch
    {
        486 or 480 or 600 => TwirpCodes.ResourceExhausted,
        408 or 504 => TwirpCodes.DeadlineExceeded,
        404 or 410 or 604 => TwirpCodes.NotFound,
        401 or 403 or 603 or 607 => TwirpCodes.PermissionDenied,
        487 => TwirpCodes.Aborted,
        >= 500 and < 600 => TwirpCodes.FailedPrecondition,
        _ => TwirpCodes.InvalidArgument,
    };

    /// <summary>The room-side leave reason the SIP bridge chooses.</summary>
    public DisconnectReason DisconnectReason => Code switch
    {
        404 or 408 or 480 => DisconnectReason.UserUnavailable,
        >= 500 and < 600 => DisconnectReason.UnknownReason,
        _ => DisconnectReason.UserRejected,
    };

    public TwirpException ToTwirpException() =>
        new(TwirpCode, $"INVITE failed: sip status: {Code}: {Reason}", new Dictionary<string, string>
        {
            ["sip_status_code"] = Code.ToString(CultureInfo.InvariantCulture),
            ["sip_status"] = Reason,
        });

    private static string ReasonPhrase(int code) => code switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        410 => "Gone",
        480 => "Temporarily Unavailable",
        484 => "Address Incomplete",
        486 => "Busy Here",
        487 => "Request Terminated",
        488 => "Not Acceptable Here",
        500 => "Server Internal Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Server Time-out",
        600 => "Busy Everywhere",
        603 => "Decline",
        604 => "Does Not Exist Anywhere",
        606 => "Not Acceptable",
        607 => "Unwanted",
        _ => "Status " + code.ToString(CultureInfo.InvariantCulture),
    };
}
