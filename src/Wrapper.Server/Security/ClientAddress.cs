using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Wrapper.Server.Security;

/// <summary>
/// The client a request is counted against: the TCP peer, or, only when that peer is a listed
/// <c>TRUSTED_PROXIES</c> address, the nearest untrusted address in <c>X-Forwarded-For</c>. IPv6
/// clients are grouped by their /64, which one host usually holds whole.
/// </summary>
internal sealed class ClientAddress(IOptions<SecurityOptions> options)
{
    private const string ItemKey = "wrapper.client";
    private readonly IReadOnlySet<IPAddress> _trusted = TrustedProxies.TryParse(options.Value.TrustedProxies, out var set, out _) ? set : new HashSet<IPAddress>();

    /// <summary>The client's address as text (an IPv6 client as its /64 prefix), cached per request.</summary>
    public string PartitionKey(HttpContext context)
    {
        if (context.Items[ItemKey] is string cached) return cached;
        var key = Group(Resolve(context.Connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"].ToString()));
        context.Items[ItemKey] = key;
        return key;
    }

    /// <summary>
    /// Who a request's CLI state belongs to: the key's name and the client's address group. Warm
    /// processes and anything else held between requests never cross it: two client keys never
    /// share a process, even from one address.
    /// </summary>
    public string Identity(HttpContext context) =>
        (Keys.CallerKey.ClientOf(context)?.Name ?? Keys.CallerKey.AdminName) + " " + PartitionKey(context);

    public IPAddress? Resolve(IPAddress? peer, string? forwardedFor)
    {
        if (peer is null) return null;
        var client = Normalize(peer);
        if (!_trusted.Contains(client) || string.IsNullOrWhiteSpace(forwardedFor)) return client;
        // Walk from the right: each hop appended the address it saw; stop at the first we do not trust.
        var hops = forwardedFor.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(hops[i], out var hop)) return client;
            client = Normalize(hop);
            if (!_trusted.Contains(client)) return client;
        }
        return client;
    }

    public static string Group(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
