using Microsoft.AspNetCore.Http;
using Wrapper.Server.RateLimiting;

namespace Wrapper.Tests.RateLimiting;

public sealed class RateLimitGroupsTests
{
    [TestCase("/v1/chat/completions", "Chat")]
    [TestCase("/chat/completions/", "Chat")]
    [TestCase("/v1/debug/request", "Debug")]
    [TestCase("/debug/request", "Debug")]
    [TestCase("/v1/auth/status", "Auth")]
    [TestCase("/v1/sessions/abc", "Session")]
    [TestCase("/health", "Health")]
    [TestCase("/v1/health", "Default")]
    [TestCase("/v1/models", "Default")]
    [TestCase("/anything", "Default")]
    public void Paths_fall_into_their_endpoint_group(string path, string group) =>
        Assert.That(RateLimitGroups.Of(new PathString(path)).ToString(), Is.EqualTo(group));

    [Test]
    public void Defaults_are_the_documented_ones()
    {
        var options = new RateLimitOptions();

        Assert.That(new[] { RateLimitGroup.Default, RateLimitGroup.Chat, RateLimitGroup.Debug, RateLimitGroup.Auth, RateLimitGroup.Session, RateLimitGroup.Health }.Select(options.Limit),
            Is.EqualTo(new[] { 30, 10, 2, 10, 15, 30 }));
        Assert.That(options.Enabled, Is.True);
    }

    [Test]
    public void A_limit_below_one_names_its_setting() =>
        Assert.That(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { ChatPerMinute = 0 }).FailureMessage, Does.Contain("RATE_LIMIT_CHAT_PER_MINUTE"));
}
