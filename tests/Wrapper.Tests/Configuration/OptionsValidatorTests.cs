using Wrapper.Server.Configuration;

namespace Wrapper.Tests.Configuration;

public sealed class OptionsValidatorTests
{
    [Test]
    public void Every_bad_setting_is_named()
    {
        var server = new ServerOptionsValidator().Validate(null, new ServerOptions { Port = 70000, Host = "my host" });
        var execution = new ExecutionOptionsValidator().Validate(null, new ExecutionOptions { MaxTimeoutMs = 0, InactivityTimeoutMs = -5, UpstreamMaxRetries = 99 });

        Assert.That(server.Failures, Has.Some.Contain("PORT").And.Some.Contain("HOST"));
        Assert.That(execution.Failures, Has.Some.Contain("MAX_TIMEOUT").And.Some.Contain("INACTIVITY_TIMEOUT").And.Some.Contain("UPSTREAM_MAX_RETRIES"));
    }

    [Test]
    public void The_defaults_are_valid_and_match_the_documented_values()
    {
        Assert.That(new ServerOptionsValidator().Validate(null, new ServerOptions()).Succeeded, Is.True);
        Assert.That(new ExecutionOptionsValidator().Validate(null, new ExecutionOptions()).Succeeded, Is.True);
        Assert.That(new ServerOptions().Port, Is.EqualTo(8000));
        Assert.That(new ServerOptions().Host, Is.EqualTo("127.0.0.1"));
        Assert.That(new ExecutionOptions().MaxTimeoutMs, Is.EqualTo(600_000));
        Assert.That(new StreamingOptions().KeepaliveIntervalSeconds, Is.EqualTo(30));
    }
}
