using Wrapper.Server.Warm;

namespace Wrapper.Tests.Warm;

/// <summary>WARM_POOL_REUSE: auto (the default), true or false, and nothing else.</summary>
public sealed class WarmPoolOptionsTests
{
    [Test]
    public void Reuse_defaults_to_auto_reuse_during_bursts_only()
    {
        var options = new WarmPoolOptions();

        Assert.That(options.ReusesUnderLoad, Is.True);
        Assert.That(options.AlwaysReuses, Is.False);
        Assert.That(new WarmPoolOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [TestCase("true", true, false)]
    [TestCase(" TRUE ", true, false)]
    [TestCase("false", false, false)]
    [TestCase("Auto", false, true)]
    public void Reuse_reads_its_three_values(string value, bool always, bool underLoad)
    {
        var options = new WarmPoolOptions { Reuse = value };

        Assert.That((options.AlwaysReuses, options.ReusesUnderLoad), Is.EqualTo((always, underLoad)));
        Assert.That(new WarmPoolOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void Any_other_reuse_value_is_refused_naming_the_setting() =>
        Assert.That(new WarmPoolOptionsValidator().Validate(null, new WarmPoolOptions { Reuse = "sometimes" }).FailureMessage,
            Does.Contain("WARM_POOL_REUSE").And.Contain("sometimes"));
}
