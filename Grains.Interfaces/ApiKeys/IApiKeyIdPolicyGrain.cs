namespace VoicePlatform.ApiKeys;

/// <summary>
/// The platform's one key-id policy (<see cref="Key"/>): made on first use with a random tag key and the list of every
/// key id that existed then (those keys were issued untagged). Read by key issuers and API hosts, each once.
/// </summary>
[Alias("vp.IApiKeyIdPolicyGrain")]
public interface IApiKeyIdPolicyGrain : IGrainWithStringKey
{
    public const string Key = "platform";

    Task<ApiKeyIdPolicy> GetAsync();
}
