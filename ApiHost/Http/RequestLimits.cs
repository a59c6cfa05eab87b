using Microsoft.AspNetCore.Mvc;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// The largest JSON body each route group reads (413 with problem details beyond it, before anything is parsed): a
/// command needs a few kilobytes, a persona's instructions and tool schemas a few hundred, a lead list or a
/// do-not-call import up to the host's 1 MiB ceiling. Uploads of lead files have their own, larger limit.
/// </summary>
public static class RequestLimits
{
    /// <summary>Commands and small objects: keys, whispers, seats, webhooks, wallet credits, numbers.</summary>
    public const long Small = 16 * 1024;

    /// <summary>Calls (with prompt variables), trunks, price estimates, tenants.</summary>
    public const long Medium = 64 * 1024;

    /// <summary>Brands, personas (instructions, tool schemas), agents, worker reports (transcript batches), tenant pricing.</summary>
    public const long Large = 256 * 1024;

    /// <summary>Lead lists, do-not-call imports and price books: the host's ceiling.</summary>
    public const long Lists = Hosting.ApiHostApplication.MaxRequestBodyBytes;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(bytes));
}
