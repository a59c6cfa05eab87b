using System.Text;

namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>Maps a PascalCase C# enum member to its proto name: <c>UserUnavailable</c> → <c>USER_UNAVAILABLE</c>.</summary>
public static class ProtoEnum
{
    public static string Name<T>(T value, string prefix = "") where T : struct, Enum
    {
        var text = value.ToString();
        var builder = new StringBuilder(prefix, prefix.Length + text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(text[i]));
        }

        return builder.ToString();
    }

    public static string ZeroName<T>(string prefix = "") where T : struct, Enum => Name(default(T), prefix);
}
