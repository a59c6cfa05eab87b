namespace VoicePlatform.ApiHost.Hosting;

/// <summary>
/// The tenant console at <c>/app</c>: people sign in with email and password (or accept an invitation link, whose token
/// travels after the <c>#</c>), and manage brands, personas, agents, numbers, campaigns, calls, the wallet and settings
/// through the public API alone. Served with the wallboard (<see cref="Wallboard"/>), from the same build.
/// </summary>
public static class ConsolePage
{
    public const string Path = "/app";

    /// <summary>The page in the built web directory; its script and stylesheet are console.js and console.css beside it.</summary>
    public const string File = "console.html";
}
