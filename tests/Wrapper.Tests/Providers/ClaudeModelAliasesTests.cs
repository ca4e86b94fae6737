using System.Text.Json;
using Wrapper.Server.Providers.Claude;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>What Claude Code's aliases resolve to, read from the CLI's own stream-json session without a model call.</summary>
public sealed class ClaudeModelAliasesTests
{
    private readonly ClaudeModelAliases _aliases = new();

    [Test]
    public void The_recorded_session_of_2_1_332_resolves_opus_sonnet_and_haiku_in_that_order()
    {
        var output = string.Join('\n', Fixture.Lines("claude/claude-model-aliases-stream-json.txt"));

        Assert.That(_aliases.Read(output), Is.EqualTo(new[] { "claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5" }));
    }

    [Test]
    public void The_session_starts_on_opus_and_switches_to_each_further_alias_then_shows_the_last()
    {
        var messages = _aliases.StandardInput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(m => (Type: m.GetProperty("type").GetString(), Text: m.GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString()))
            .ToList();

        Assert.That(messages, Is.EqualTo(new[] { ("user", "/model sonnet"), ("user", "/model haiku"), ("user", "/model") }));
        Assert.That(_aliases.Arguments, Is.EqualTo(new[]
        {
            "-p", "--output-format", "stream-json", "--verbose", "--input-format", "stream-json", "--model", "opus",
            "--tools", "", "--strict-mcp-config", "--setting-sources", "", "--no-session-persistence",
        }));
    }

    [Test]
    public void Output_without_an_init_per_alias_reports_nothing_so_the_configured_list_stands()
    {
        var lines = Fixture.Lines("claude/claude-model-aliases-stream-json.txt");
        var firstTurnOnly = string.Join('\n', lines.TakeWhile((_, i) => i < 3));

        Assert.That(_aliases.Read(firstTurnOnly), Is.Empty);
        Assert.That(_aliases.Read("Error: unknown option '--input-format'"), Is.Empty);
    }

    [TestCase("claude-opus", "opus")]
    [TestCase("CLAUDE-SONNET", "sonnet")]
    [TestCase("claude-haiku", "haiku")]
    [TestCase("claude-opus-5-5", "claude-opus-5-5")]
    public void Alias_ids_go_to_the_cli_as_its_own_aliases_and_other_ids_as_they_are(string requested, string cli) =>
        Assert.That(ClaudeModelAliases.ForCli(requested), Is.EqualTo(cli));
}
