using System.Net;
using Wrapper.Server.Fetching;

namespace Wrapper.Tests.Images;

/// <summary>The SSRF filter for image URLs: inside addresses refused in every spelling, IPv4-embedded IPv6 forms included.</summary>
public sealed class PrivateAddressesTests
{
    [TestCase("127.0.0.1", "loopback")]
    [TestCase("10.1.2.3", "10/8")]
    [TestCase("172.16.0.1", "172.16/12")]
    [TestCase("172.31.255.255", "172.16/12, its end")]
    [TestCase("192.168.1.10", "192.168/16")]
    [TestCase("169.254.169.254", "cloud metadata")]
    [TestCase("100.64.0.1", "CGNAT")]
    [TestCase("0.0.0.0", "unspecified")]
    [TestCase("192.0.2.1", "documentation")]
    [TestCase("198.18.0.1", "benchmarking")]
    [TestCase("224.0.0.1", "multicast")]
    [TestCase("255.255.255.255", "broadcast")]
    [TestCase("::1", "IPv6 loopback")]
    [TestCase("::", "IPv6 unspecified")]
    [TestCase("fe80::1", "link-local")]
    [TestCase("fec0::1", "site-local")]
    [TestCase("fd00::1", "unique local fd00::/8")]
    [TestCase("fc00::1", "unique local fc00::/8")]
    [TestCase("ff02::1", "multicast")]
    [TestCase("ff0e::1", "global multicast")]
    [TestCase("2001:db8::1", "documentation")]
    [TestCase("100::1", "discard-only")]
    [TestCase("::ffff:127.0.0.1", "IPv4-mapped loopback")]
    [TestCase("::ffff:169.254.169.254", "IPv4-mapped metadata")]
    [TestCase("::127.0.0.1", "IPv4-compatible loopback")]
    [TestCase("::10.0.0.1", "IPv4-compatible private")]
    [TestCase("::a9fe:a9fe", "IPv4-compatible metadata in hex")]
    [TestCase("64:ff9b::127.0.0.1", "NAT64 of loopback")]
    [TestCase("64:ff9b::a9fe:a9fe", "NAT64 of metadata")]
    [TestCase("64:ff9b:1::5db8:d822", "local-use NAT64, whatever it embeds")]
    [TestCase("2002:7f00:1::", "6to4 of loopback")]
    [TestCase("2002:c0a8:101::1", "6to4 of 192.168.1.1")]
    [TestCase("2001:0:4136:e378:8000:63bf:f5ff:fffe", "Teredo whose client is 10.0.0.1")]
    [TestCase("2001:0:a00:1::5db8:d822", "Teredo whose server is 10.0.0.1")]
    public void Inside_addresses_are_refused(string address, string what) =>
        Assert.That(PrivateAddresses.IsPublic(IPAddress.Parse(address)), Is.False, what);

    [TestCase("93.184.216.34", "a public IPv4 address")]
    [TestCase("8.8.8.8", "another")]
    [TestCase("172.32.0.1", "just past 172.16/12")]
    [TestCase("100.128.0.1", "just past CGNAT")]
    [TestCase("2606:4700::1111", "a public IPv6 address")]
    [TestCase("::ffff:93.184.216.34", "IPv4-mapped public")]
    [TestCase("::93.184.216.34", "IPv4-compatible public")]
    [TestCase("64:ff9b::93.184.216.34", "NAT64 of a public address")]
    [TestCase("2002:5db8:d822::1", "6to4 of a public address")]
    [TestCase("2001:0:4136:e378:8000:63bf:a247:27dd", "Teredo with public server and client (93.184.216.34)")]
    public void Public_addresses_are_reachable(string address, string what) =>
        Assert.That(PrivateAddresses.IsPublic(IPAddress.Parse(address)), Is.True, what);
}
