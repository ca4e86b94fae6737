using Microsoft.Extensions.Configuration;
using Wrapper.Server.Processes;

namespace Wrapper.Tests.Processes;

public sealed class ChildEnvironmentTests
{
    [Test]
    public void Only_allow_listed_names_pass_and_overrides_win()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PATH"] = "/usr/bin",
            ["HOME"] = "/home/u",
            ["ANTHROPIC_API_KEY"] = "sk-ant-1",
            ["API_KEY"] = "the-gateway-key",
            ["AWS_SECRET_ACCESS_KEY"] = "not-allowed-here",
            ["TMPDIR"] = "/tmp",
        }).Build();

        var environment = new ChildEnvironment(configuration).Build(["ANTHROPIC_API_KEY"], new Dictionary<string, string> { ["TMPDIR"] = "/sandbox/tmp" });

        Assert.That(environment["PATH"], Is.EqualTo("/usr/bin"));
        Assert.That(environment["HOME"], Is.EqualTo("/home/u"));
        Assert.That(environment["ANTHROPIC_API_KEY"], Is.EqualTo("sk-ant-1"));
        Assert.That(environment["TMPDIR"], Is.EqualTo("/sandbox/tmp"));
        Assert.That(environment, Does.Not.ContainKey("API_KEY").And.Not.ContainKey("AWS_SECRET_ACCESS_KEY"));
    }

    [Test]
    public void Every_cli_gets_the_proxy_settings_without_listing_them()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HTTPS_PROXY"] = "http://proxy:3128",
            ["NO_PROXY"] = "localhost",
            ["OPENAI_API_KEY"] = "sk-1",
        }).Build();

        var environment = new ChildEnvironment(configuration).Build([], new Dictionary<string, string>());

        Assert.That(environment["HTTPS_PROXY"], Is.EqualTo("http://proxy:3128"));
        Assert.That(environment["NO_PROXY"], Is.EqualTo("localhost"));
        Assert.That(environment, Does.Not.ContainKey("OPENAI_API_KEY"));
    }
}
