using System.Net;
using System.Net.Sockets;

namespace VoicePlatform.Tests.Infrastructure;

public static class FreePorts
{
    // Below Linux's ephemeral range (32768–60999): a port the OS handed out for port 0 is free only until the next
    // outgoing connection or bind-to-0 takes it, and the tests make thousands of those. Ports from this range are
    // only ever given out here, each once per process, after checking nothing listens on them.
    private const int First = 20_000;
    private const int Last = 32_000;
    private static int _next = First + Random.Shared.Next(0, 4_000);

    /// <summary>A TCP port that is free now and that no other caller in this process will be given.</summary>
    public static int Next()
    {
        for (var attempts = 0; attempts < Last - First; attempts++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > Last)
            {
                Interlocked.CompareExchange(ref _next, First, port);
                continue;
            }
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"No free TCP port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Orleans listens on any address; checking that bind covers loopback too.
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
