using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Core;

namespace Wrapper.Tests.Core;

public sealed class ModelMapTests
{
    private static ModelMap Map(string? value) => new(Options.Create(new RoutingOptions { ModelMap = value }));

    private static CompletionRequest Request(string model) => new() { Model = model, SystemPrompt = null, Messages = [] };

    [TestCase("claude-haiku-4-5", "gemini-2.5-flash")]
    [TestCase("CLAUDE-HAIKU-9", "gemini-2.5-flash")]
    [TestCase("claude-opus-5-5", "gpt-5.1-codex")]
    [TestCase("claude-sonnet-5-5", "claude-sonnet-5-5")]
    [TestCase("gpt-5", "qwen3-coder-plus")]
    [TestCase("gpt-51", "gpt-51")]
    public void Globs_map_ids_and_the_first_matching_rule_wins(string model, string expected)
    {
        var map = Map("claude-haiku-*=gemini-2.5-flash, claude-opus-*=gpt-5.1-codex,claude-*-5-5=claude-sonnet-5-5,gpt-?=qwen3-coder-plus");

        Assert.That(map.Map(model), Is.EqualTo(expected));
    }

    [Test]
    public void A_progress_model_keeps_its_suffix_on_the_mapped_id()
    {
        var request = Map("claude-haiku-*=gemini-2.5-flash").Apply(Request("claude-haiku-4-5-progress"));

        Assert.That(request.Model, Is.EqualTo("gemini-2.5-flash-progress"));
        Assert.That(request.CliModel, Is.EqualTo("gemini-2.5-flash"));
        Assert.That(request.ShowProgress, Is.True);
    }

    [Test]
    public void Regex_characters_in_a_pattern_match_themselves()
    {
        var map = Map("gpt-5.1=codex-x");

        Assert.That(map.Map("gpt-5.1"), Is.EqualTo("codex-x"));
        Assert.That(map.Map("gpt-5x1"), Is.EqualTo("gpt-5x1"), "the dot is a dot, not any character");
    }

    [TestCase(null)]
    [TestCase("")]
    public void No_map_routes_ids_as_sent(string? value)
    {
        var request = Request("claude-opus");

        Assert.That(Map(value).Apply(request), Is.SameAs(request));
    }

    [TestCase("claude-*", "claude-*")]
    [TestCase("a=b,=c", "=c")]
    [TestCase("a=b=c", "a=b=c")]
    [TestCase("a= ", "a=")]
    public void A_malformed_entry_stops_the_start_naming_MODEL_MAP(string value, string malformed)
    {
        var result = new RoutingOptionsValidator().Validate(null, new RoutingOptions { ModelMap = value });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("MODEL_MAP").And.Contain($"'{malformed}'"));
    }

    [Test]
    public void A_well_formed_map_passes()
    {
        Assert.That(new RoutingOptionsValidator().Validate(null, new RoutingOptions { ModelMap = "a*=b, c=d" }).Succeeded, Is.True);
    }
}
