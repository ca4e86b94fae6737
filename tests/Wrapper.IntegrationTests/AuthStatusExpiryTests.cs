using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>/v1/auth/status shows when a stored login expires (and whether it has), never the token beside it.</summary>
public sealed class AuthStatusExpiryTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_claude_login_shows_its_expiry_and_that_it_has_expired_but_not_its_token(CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("wrapper-auth-home-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(home, ".claude"));
            await File.WriteAllTextAsync(Path.Combine(home, ".claude", ".credentials.json"),
                """{"claudeAiOauth":{"accessToken":"sk-ant-oat01-very-secret","refreshToken":"sk-ant-ort01-secret","expiresAt":1767225600000}}""", cancellationToken);
            await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["HOME"] = home, ["ANTHROPIC_API_KEY"] = null });

            using var response = await gateway.Client.GetAsync("/v1/auth/status", cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var claude = (await response.JsonAsync(cancellationToken)).GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("provider").GetString() == "claude");

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(claude.GetProperty("auth").GetString(), Is.EqualTo("oauth login in ~/.claude"));
            Assert.That(claude.GetProperty("login_expires_at").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(claude.GetProperty("login_expired").GetBoolean(), Is.True, "2026-01-01 has passed");
            Assert.That(text, Does.Not.Contain("secret"));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
