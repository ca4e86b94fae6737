using Microsoft.Extensions.Configuration;
using Wrapper.Server.Warm;

namespace Wrapper.Tests.Warm;

/// <summary>WARM_POOL_REUSE: auto (the default), true or false, and nothing else.</summary>
public sealed class WarmPoolOptionsTests
{
    [Test]
    public void Reuse_defaults_to_auto_reuse_during_bursts_only()
    {
        var options = Bind(null);

        Assert.That(options.Reuse, Is.EqualTo(WarmPoolReuse.Auto));
        Assert.That(new WarmPoolOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [TestCase("true", "True")]
    [TestCase(" TRUE ", "True")]
    [TestCase("false", "False")]
    [TestCase("Auto", "Auto")]
    public void Reuse_reads_its_three_values(string value, string expected)
    {
        var options = Bind(value);

        Assert.That(options.Reuse, Is.EqualTo(Enum.Parse<WarmPoolReuse>(expected)));
        Assert.That(new WarmPoolOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void A_word_it_does_not_know_is_refused_naming_the_setting() =>
        Assert.That(() => Bind("sometimes"),
            Throws.InvalidOperationException.With.Message.Contain("WARM_POOL_REUSE").And.Message.Contain("sometimes"));

    [Test]
    public void A_number_outside_the_three_values_is_refused_naming_the_setting() =>
        Assert.That(new WarmPoolOptionsValidator().Validate(null, Bind("7")).FailureMessage,
            Does.Contain("WARM_POOL_REUSE").And.Contain("auto, true or false"));

    private static WarmPoolOptions Bind(string? reuse)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(reuse is null ? [] : [new KeyValuePair<string, string?>("WARM_POOL_REUSE", reuse)])
            .Build();
        var options = new WarmPoolOptions();
        configuration.Bind(options);
        return options;
    }
}
