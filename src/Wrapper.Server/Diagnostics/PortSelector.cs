using System.Net;
using System.Net.Sockets;

namespace Wrapper.Server.Diagnostics;

/// <summary>When the configured port is taken, the next free one is used (and said on the console).</summary>
internal static class PortSelector
{
    private const int Attempts = 100;

    public static int FirstFree(string host, int port, TextWriter output)
    {
        if (port == 0) return 0; // the system picks
        var address = host switch { "localhost" => IPAddress.Loopback, "0.0.0.0" => IPAddress.Any, _ => IPAddress.Parse(host) };
        for (var candidate = port; candidate <= Math.Min(65535, port + Attempts); candidate++)
        {
            if (!IsFree(address, candidate)) continue;
            if (candidate != port) output.WriteLine($"Port {port} is in use; listening on port {candidate} instead.");
            return candidate;
        }
        return port; // nothing free nearby: let Kestrel report the conflict
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
