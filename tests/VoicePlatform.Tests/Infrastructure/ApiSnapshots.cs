using System.Text.Json.Nodes;

namespace VoicePlatform.Tests.Infrastructure;

/// <summary>API answers made comparable across a restart or an upgrade (also linked into the benchmarks' upgrade check).</summary>
public static class ApiSnapshots
{
    /// <summary>A key's last use moves with every request the snapshot itself makes; everything else must not move.</summary>
    public static string Normalize(string json)
    {
        var node = JsonNode.Parse(json);
        Strip(node);
        return node!.ToJsonString();

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    obj.Remove("lastUsedAt");
                    foreach (var (_, child) in obj.ToList()) Strip(child);
                    break;
                case JsonArray array:
                    foreach (var child in array) Strip(child);
                    break;
            }
        }
    }
}
