namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>A Twirp error as LiveKit writes it: <c>{"code","msg","meta"}</c> with the HTTP status of the code.</summary>
public sealed class TwirpException(string code, string message, IReadOnlyDictionary<string, string>? meta = null)
    : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string> Meta { get; } = meta ?? new Dictionary<string, string>();

    public int HttpStatus => TwirpCodes.HttpStatusOf(Code);

    public static TwirpException Unauthenticated() => new(TwirpCodes.Unauthenticated, "permissions denied");

    public static TwirpException InvalidArgument(string message) => new(TwirpCodes.InvalidArgument, message);

    public static TwirpException NotFound(string message) => new(TwirpCodes.NotFound, message);

    public static TwirpException Malformed() => new(TwirpCodes.Malformed, "the json request could not be decoded");
}
