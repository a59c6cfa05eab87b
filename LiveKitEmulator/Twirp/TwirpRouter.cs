using System.Text.Json.Nodes;

namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>The Twirp methods the emulator serves, keyed by <c>livekit.&lt;Service&gt;/&lt;Method&gt;</c>.</summary>
public sealed class TwirpRouter
{
    private readonly Dictionary<string, Func<TwirpCall, Task<JsonObject>>> _methods = new(StringComparer.Ordinal);

    public TwirpRouter Add(string service, string method, Func<TwirpCall, Task<JsonObject>> handler)
    {
        _methods.Add($"{service}/{method}", handler);
        return this;
    }

    public TwirpRouter Add(string service, string method, Func<TwirpCall, JsonObject> handler) =>
        Add(service, method, call => Task.FromResult(handler(call)));

    public Func<TwirpCall, Task<JsonObject>>? Find(string path) => _methods.GetValueOrDefault(path);
}
