using Wrapper.Server.Providers.Claude;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>
/// A persistent Claude Code process is reused only after it confirmed "/clear" (recorded with the
/// real claude 2.1.197: a prompt, then /clear, with and without --disable-slash-commands).
/// </summary>
public sealed class ClaudeResetTests
{
    [TestCase("claude/claude-warm-clear.txt", true)]
    [TestCase("claude/claude-warm-clear-disabled.txt", false)]
    public void The_reset_is_confirmed_only_by_an_empty_successful_result(string fixture, bool confirmed)
    {
        var lines = Fixture.Lines(fixture);
        var afterFirstAnswer = lines.SkipWhile(l => !l.StartsWith("{\"type\":\"result\"", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Length > 0).ToList();

        var readings = afterFirstAnswer.Select(ClaudeOutputParser.ReadReset).ToList();

        Assert.That(readings[..^1], Is.All.Null, "nothing before the result decides");
        Assert.That(readings[^1], Is.EqualTo(confirmed));
    }

    [TestCase("""{"type":"result","subtype":"success","is_error":true,"result":""}""")]
    [TestCase("""{"type":"result","subtype":"error_during_execution","is_error":false,"result":""}""")]
    [TestCase("""{"type":"result","subtype":"success","is_error":false,"result":"Hello"}""")]
    [TestCase("{not json")]
    public void Anything_else_means_the_process_is_not_reused(string line) =>
        Assert.That(ClaudeOutputParser.ReadReset(line), Is.False);
}
