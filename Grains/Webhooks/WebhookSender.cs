using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>
/// POSTs signed deliveries. Its connections go only where <see cref="WebhookTargetPolicy"/> allows: the host is
/// resolved at connect time and only allowed addresses are dialled (a target that resolves to nothing else fails as
/// <see cref="WebhookSendVerdict.Blocked"/>). Redirects are not followed and no proxy is used, so the checked address is
/// the one spoken to. One per silo; its connection pool is shared by every endpoint.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string UserAgent = "VoicePlatform-Webhooks/1";
    private const int MaxErrorText = 300;

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public WebhookSender(IOptions<WebhookDeliveryOptions> options)
    {
        var policy = new WebhookTargetPolicy(options.Value);
        _timeout = options.Value.Timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = _timeout,
            // New connections now and then, so a target's DNS change is seen (and checked) within minutes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    private static async ValueTask<Stream> ConnectAsync(WebhookTargetPolicy policy, DnsEndPoint target, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, cancellationToken);
        var allowed = new List<IPAddress>(addresses.Length);
        string? refusal = null;
        foreach (var address in addresses)
        {
            if (policy.WhyBlocked(address) is { } why) refusal ??= why;
            else allowed.Add(address);
        }
        if (allowed.Count == 0) throw new WebhookTargetBlockedException(refusal ?? $"{target.Host} resolved to no address.");
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, target.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e) when (e is SocketException)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last!;
    }

    public async Task<WebhookSendResult> SendAsync(Uri url, IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new(status, Stopwatch.GetElapsedTime(started), null, WebhookSendVerdict.Delivered);
            return new(status, Stopwatch.GetElapsedTime(started), await ErrorTextAsync(response, timeout.Token), WebhookSendVerdict.HttpError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, Stopwatch.GetElapsedTime(started), $"No answer within {_timeout.TotalSeconds:0.###} s.", WebhookSendVerdict.Timeout);
        }
        catch (HttpRequestException e) when (Blocked(e) is { } blocked)
        {
            return new(null, Stopwatch.GetElapsedTime(started), blocked.Message, WebhookSendVerdict.Blocked);
        }
        catch (HttpRequestException e)
        {
            return new(null, Stopwatch.GetElapsedTime(started), Trim(e.InnerException?.Message ?? e.Message), WebhookSendVerdict.NetworkError);
        }
    }

    private static WebhookTargetBlockedException? Blocked(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is WebhookTargetBlockedException blocked) return blocked;
        return null;
    }

    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new char[MaxErrorText];
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            var read = await reader.ReadBlockAsync(buffer, cancellationToken);
            var text = new string(buffer, 0, read).Trim();
            return text.Length == 0 ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" : $"HTTP {(int)response.StatusCode}: {text}";
        }
        catch (Exception)
        {
            return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
    }

    private static string Trim(string text) => text.Length <= MaxErrorText ? text : text[..MaxErrorText];

    public void Dispose() => _http.Dispose();
}
