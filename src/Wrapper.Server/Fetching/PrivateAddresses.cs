using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Wrapper.Server.Fetching;

/// <summary>
/// Whether an address is one the gateway may fetch from on a client's behalf (SSRF): never
/// loopback, private, link-local (169.254.169.254, the cloud metadata service), shared (CGNAT),
/// documentation, multicast, reserved or unspecified, and never an IPv6 address that carries one
/// of those as an embedded IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo), which
/// a host's IPv6 stack or a translator on the way would deliver to it. Ranges from the IANA
/// special-purpose registries (https://www.iana.org/assignments/iana-ipv4-special-registry,
/// https://www.iana.org/assignments/iana-ipv6-special-registry). Reusable by any fetcher.
/// </summary>
internal static class PrivateAddresses
{
    public static bool IsPublic(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => IsPublicV4(BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())),
        AddressFamily.InterNetworkV6 => IsPublicV6(address.GetAddressBytes()),
        _ => false,
    };

    private static bool IsPublicV4(uint a) => !(
        In(a, 0x00000000, 8)          // "this network", 0.0.0.0
        || In(a, 0x0A000000, 8)       // 10/8
        || In(a, 0x64400000, 10)      // 100.64/10 shared address space (CGNAT)
        || In(a, 0x7F000000, 8)       // loopback
        || In(a, 0xA9FE0000, 16)      // link-local, cloud metadata
        || In(a, 0xAC100000, 12)      // 172.16/12
        || In(a, 0xC0000000, 24)      // IETF protocol assignments
        || In(a, 0xC0000200, 24)      // TEST-NET-1
        || In(a, 0xC0A80000, 16)      // 192.168/16
        || In(a, 0xC6120000, 15)      // benchmarking
        || In(a, 0xC6336400, 24)      // TEST-NET-2
        || In(a, 0xCB007100, 24)      // TEST-NET-3
        || In(a, 0xE0000000, 3));     // multicast, reserved, broadcast (224/3)

    private static bool IsPublicV6(byte[] b)
    {
        var high = BinaryPrimitives.ReadUInt64BigEndian(b);
        var low = BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(8));
        var last32 = (uint)low;
        if (high == 0 && low >> 32 is 0 or 0xFFFF) return (low >> 32 == 0xFFFF || last32 > 1) && IsPublicV4(last32); // ::ffff:a.b.c.d, ::a.b.c.d, ::1, ::
        if (high == 0x0064_FF9B_0000_0000 && low >> 32 == 0) return IsPublicV4(last32);                            // NAT64 64:ff9b::/96
        if (high >> 48 == 0x2002) return IsPublicV4((uint)(high >> 16));                                             // 6to4 2002:a.b.c.d::/48
        if (high >> 32 == 0x2001_0000) return IsPublicV4((uint)high) && IsPublicV4(~last32);                         // Teredo: server, then client (inverted)
        var top16 = high >> 48;
        return !(
            high >> 16 == 0x0064_FF9B_0001                  // 64:ff9b:1::/48 local-use NAT64 (RFC 8215)
            || (high == 0x0100_0000_0000_0000)              // 100::/64 discard-only
            || high >> 32 == 0x2001_0DB8                    // documentation
            || (top16 & 0xFE00) == 0xFC00                   // unique local fc00::/7
            || (top16 & 0xFFC0) == 0xFE80                   // link-local fe80::/10
            || (top16 & 0xFFC0) == 0xFEC0                   // site-local fec0::/10 (deprecated, still routed inside some networks)
            || top16 >> 8 == 0xFF                           // multicast
            || high == 0);                                  // the rest of ::/64 (other embedded forms)
    }

    private static bool In(uint address, uint network, int prefix) => (address ^ network) >> (32 - prefix) == 0;
}
