using Microsoft.AspNetCore.Http;
using Wrapper.Server.RateLimiting;

namespace Wrapper.Tests.RateLimiting;

public sealed class RateLimitGroupsTests
{
    [TestCase("/v1/chat/completions", "Chat")]
    [TestCase("/chat/completions/", "Chat")]
    [TestCase("/v1/debug/request", "Debug")]
    [TestCase("/debug/request", "Debug")]
    [TestCase("/v1/auth/status", "Default")]
    [TestCase("/v1/sessions/abc", "Session")]
    [TestCase("/health", "Health")]
    [TestCase("/v1/health", "Default")]
    [TestCase("/v1/models", "Default")]
    [TestCase("/anything", "Default")]
    public void Paths_fall_into_their_endpoint_group(string path, string group) =>
        Assert.That(RateLimitGroups.Of(new PathString(path)).ToString(), Is.EqualTo(group));

    [Test]
    public void Defaults_are_the_documented_ones_and_a_turn_a_second_fits_with_room_to_spare()
    {
        var options = new RateLimitOptions();

        Assert.That(new[] { RateLimitGroup.Default, RateLimitGroup.Chat, RateLimitGroup.Debug, RateLimitGroup.Auth, RateLimitGroup.Session, RateLimitGroup.Health }.Select(options.Limit),
            Is.EqualTo(new[] { 120, 120, 10, 10, 15, 120 }));
        Assert.That(options.Enabled, Is.True);
        Assert.That(options.ChatPerMinute, Is.GreaterThanOrEqualTo(2 * 60), "one agent's turn a second, twice over");
    }

    [Test]
    public void A_limit_below_one_names_its_setting() =>
        Assert.That(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { ChatPerMinute = 0 }).FailureMessage, Does.Contain("RATE_LIMIT_CHAT_PER_MINUTE"));
}
