using VoicePlatform.Common;

namespace VoicePlatform.Users;

/// <summary>An invitation to become a user (<c>inv_…</c>); its secret travels only in the invitation link.</summary>
[GenerateSerializer, Immutable, Alias("vp.InvitationId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<InvitationId>))]
public readonly record struct InvitationId : IPrefixedId<InvitationId>
{
    public static string Prefix => "inv_";

    public static string Noun => "invitation";

    [Id(0)] public string Value { get; }

    private InvitationId(string value) => Value = value;

    public static InvitationId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
