using System.Net;

namespace Wrapper.Server.Security;

/// <summary>Parses <c>TRUSTED_PROXIES</c>: comma-separated IP addresses.</summary>
internal static class TrustedProxies
{
    public static bool TryParse(string? value, out IReadOnlySet<IPAddress> proxies, out string? bad)
    {
        var set = new HashSet<IPAddress>();
        proxies = set;
        bad = null;
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPAddress.TryParse(part, out var address)) { bad = part; return false; }
            set.Add(ClientAddress.Normalize(address));
        }
        return true;
    }
}
