using System.Net;
using Microsoft.Extensions.Options;
using Wrapper.Server.Security;

namespace Wrapper.Tests.Security;

public sealed class ClientAddressTests
{
    private static ClientAddress With(string? trusted) => new(Options.Create(new SecurityOptions { TrustedProxies = trusted }));

    [Test]
    public void X_Forwarded_For_from_an_untrusted_peer_is_ignored() =>
        Assert.That(With(null).Resolve(IPAddress.Parse("198.51.100.7"), "203.0.113.1"), Is.EqualTo(IPAddress.Parse("198.51.100.7")));

    [Test]
    public void A_trusted_proxy_chain_is_walked_from_the_right_to_the_first_untrusted_address() =>
        Assert.That(With("10.0.0.1,10.0.0.2").Resolve(IPAddress.Parse("10.0.0.1"), "1.2.3.4, 203.0.113.9, 10.0.0.2"),
            Is.EqualTo(IPAddress.Parse("203.0.113.9")), "1.2.3.4 was written by the client itself and is not believed");

    [Test]
    public void A_garbled_forwarded_address_falls_back_to_the_last_trusted_hop() =>
        Assert.That(With("10.0.0.1").Resolve(IPAddress.Parse("10.0.0.1"), "not-an-ip"), Is.EqualTo(IPAddress.Parse("10.0.0.1")));

    [Test]
    public void IPv6_clients_are_grouped_by_their_64_bit_prefix()
    {
        Assert.That(ClientAddress.Group(IPAddress.Parse("2001:db8:1:2:aaaa::1")), Is.EqualTo(ClientAddress.Group(IPAddress.Parse("2001:db8:1:2:ffff::9"))));
        Assert.That(ClientAddress.Group(IPAddress.Parse("2001:db8:1:2::1")), Is.Not.EqualTo(ClientAddress.Group(IPAddress.Parse("2001:db8:1:3::1"))));
        Assert.That(ClientAddress.Group(IPAddress.Parse("2001:db8:1:2::1")), Is.EqualTo("2001:db8:1:2::/64"));
    }

    [Test]
    public void IPv4_mapped_IPv6_peers_count_as_their_IPv4_address() =>
        Assert.That(ClientAddress.Group(With(null).Resolve(IPAddress.Parse("::ffff:192.0.2.5"), null)), Is.EqualTo("192.0.2.5"));
}
