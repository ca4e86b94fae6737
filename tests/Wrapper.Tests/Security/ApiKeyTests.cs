using Microsoft.AspNetCore.Http;
using Wrapper.Server.Security;

namespace Wrapper.Tests.Security;

public sealed class ApiKeyTests
{
    [Test]
    public void The_comparer_accepts_only_the_exact_key()
    {
        var comparer = new ApiKeyComparer("secret-key-0123456789");

        Assert.That(comparer.Matches("secret-key-0123456789"), Is.True);
        Assert.That(comparer.Matches("secret-key-012345678"), Is.False);
        Assert.That(comparer.Matches("Secret-key-0123456789"), Is.False);
        Assert.That(comparer.Matches(""), Is.False);
        Assert.That(comparer.Matches(null), Is.False);
    }

    [TestCase("Authorization", "Bearer abc", "abc")]
    [TestCase("Authorization", "bearer  abc ", "abc")]
    [TestCase("x-api-key", "abc", "abc")]
    [TestCase("Authorization", "Basic abc", null)]
    public void The_key_is_read_from_a_Bearer_token_or_x_api_key(string header, string value, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;

        Assert.That(ApiKeyComparer.Presented(context.Request), Is.EqualTo(expected));
    }

    [Test]
    public void Generated_keys_are_43_url_safe_characters_from_32_random_bytes()
    {
        var keys = Enumerable.Range(0, 20).Select(_ => ApiKeyGenerator.Create()).ToList();

        Assert.That(keys, Is.Unique);
        Assert.That(keys, Has.All.Length.EqualTo(43).And.All.Match("^[A-Za-z0-9_-]+$"));
    }

    [Test]
    public void Answering_yes_prints_a_new_key_once_with_a_curl_example()
    {
        var output = new StringWriter();

        var key = ApiKeyPrompt.Ask(new StringReader("y\n"), output, "http://127.0.0.1:8000");

        Assert.That(key, Has.Length.EqualTo(43));
        Assert.That(output.ToString(), Does.Contain("Enable API key protection? (y/N)").And.Contain($"curl http://127.0.0.1:8000/v1/models -H \"Authorization: Bearer {key}\""));
    }

    [TestCase("\n")]
    [TestCase("n\n")]
    [TestCase("")]
    public void Anything_but_yes_runs_without_a_key(string answer) =>
        Assert.That(ApiKeyPrompt.Ask(new StringReader(answer), new StringWriter(), "http://127.0.0.1:8000"), Is.Null);

    [Test]
    public void Short_keys_and_bad_proxy_addresses_stop_the_start()
    {
        var result = new SecurityOptionsValidator().Validate(null, new SecurityOptions { ApiKey = "short", TrustedProxies = "10.0.0.1,proxy.local" });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("API_KEY").And.Contain("TRUSTED_PROXIES").And.Contain("proxy.local"));
    }
}
