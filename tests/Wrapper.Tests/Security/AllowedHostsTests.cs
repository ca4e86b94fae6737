using Wrapper.Server.Security;

namespace Wrapper.Tests.Security;

/// <summary>Bound to loopback, only loopback names are served (DNS rebinding); ALLOWED_HOSTS adds names.</summary>
public sealed class AllowedHostsTests
{
    [TestCase("localhost")]
    [TestCase("LOCALHOST")]
    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.2")]
    [TestCase("[::1]")]
    public void Loopback_names_are_served_when_bound_to_loopback(string host) =>
        Assert.That(AllowedHosts.Create(null, "127.0.0.1")!.Allows(host), Is.True);

    [TestCase("attacker-rebind.example")]
    [TestCase("localhost.attacker.example")]
    [TestCase("192.168.1.10")]
    [TestCase("")]
    public void Other_names_are_refused_when_bound_to_loopback(string host) =>
        Assert.That(AllowedHosts.Create(null, "127.0.0.1")!.Allows(host), Is.False);

    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    [TestCase("::1")]
    public void Every_loopback_HOST_turns_the_check_on(string listen) =>
        Assert.That(AllowedHosts.Create(null, listen)!.Allows("attacker-rebind.example"), Is.False);

    [Test]
    public void On_other_HOSTs_the_check_is_off_unless_names_are_listed()
    {
        Assert.That(AllowedHosts.Create(null, "0.0.0.0")!.Allows("anything.example"), Is.True);
        Assert.That(AllowedHosts.Create("gw.example.com", "0.0.0.0")!.Allows("anything.example"), Is.False);
        Assert.That(AllowedHosts.Create("gw.example.com", "0.0.0.0")!.Allows("gw.example.com"), Is.True);
    }

    [Test]
    public void Listed_names_and_wildcards_are_served_and_a_star_serves_any()
    {
        var hosts = AllowedHosts.Create("gw.example.com, *.internal.example", "127.0.0.1")!;

        Assert.That(hosts.Allows("GW.example.com"), Is.True);
        Assert.That(hosts.Allows("a.b.internal.example"), Is.True);
        Assert.That(hosts.Allows("internal.example"), Is.False, "*.name covers subdomains only");
        Assert.That(hosts.Allows("gw.example.com.evil.example"), Is.False);
        Assert.That(AllowedHosts.Create("*", "127.0.0.1")!.Allows("attacker-rebind.example"), Is.True);
    }

    [Test]
    public void Only_loopback_and_listed_names_are_named_even_where_the_check_is_off()
    {
        var off = AllowedHosts.Create(null, "0.0.0.0")!;

        Assert.That(off.Allows("attacker-rebind.example"), Is.True);
        Assert.That(off.Names("attacker-rebind.example"), Is.False);
        Assert.That(off.Names("localhost"), Is.True);
        Assert.That(AllowedHosts.Create("gw.example.com", "0.0.0.0")!.Names("gw.example.com"), Is.True);
    }

    [TestCase("gw.example.com:8000")]
    [TestCase("http://gw.example.com")]
    [TestCase("gw example")]
    public void An_entry_that_is_not_a_host_name_fails_at_start_naming_the_setting(string setting)
    {
        var result = new RequestLimitOptionsValidator().Validate(null, new RequestLimitOptions { AllowedHosts = setting });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("ALLOWED_HOSTS"));
    }
}
