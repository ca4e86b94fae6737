using System.Net;

namespace Wrapper.EndToEndTests;

/// <summary>/v1/models lists what the installed Claude Code resolves its aliases to, asked of the real CLI.</summary>
public sealed class ClaudeModelListTests
{
    [Test, CancelAfter(180_000)]
    public async Task The_list_names_the_models_the_aliases_resolve_to_without_a_model_call_and_the_alias_answers_with_one(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();

        using var list = await claude.Client.GetAsync("/v1/models", cancellationToken);
        var ids = (await list.JsonAsync(cancellationToken)).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        var modelCallsForTheList = claude.Upstream.ModelCallCount;
        using var answer = await claude.Client.PostAsync(ChatRequests.Body("Hi", model: "claude-sonnet"), cancellationToken);
        var served = (await answer.JsonAsync(cancellationToken)).GetProperty("model").GetString();

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ids, Does.Contain("claude-opus").And.Contain("claude-sonnet").And.Contain("claude-haiku"), "the aliases");
        foreach (var family in new[] { "opus", "sonnet", "haiku" })
            Assert.That(Resolved(ids, family), Is.Not.Empty, $"what '{family}' resolves to");
        Assert.That(modelCallsForTheList, Is.Zero, "asking the CLI costs no model call");
        Assert.That(served, Is.AnyOf(Resolved(ids, "sonnet").ToArray<object>()),
            "the alias's answer names the listed model it resolved to");
    }

    [Test, CancelAfter(120_000)]
    public async Task Asking_the_cli_writes_nothing_into_the_users_home(CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("wrapper-e2e-real-home-").FullName;
        try
        {
            await using var claude = await ClaudeGateway.StartAsync(new Dictionary<string, string?> { ["HOME"] = home });

            using var list = await claude.Client.GetAsync("/v1/models", cancellationToken);
            var ids = (await list.JsonAsync(cancellationToken)).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();

            Assert.That(Resolved(ids!, "opus"), Is.Not.Empty, "the probe ran");
            Assert.That(Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories), Is.Empty);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>The listed ids of one family that are a release's model (<c>claude-opus-5-5</c>), not an alias or its -progress twin.</summary>
    private static IEnumerable<string> Resolved(IEnumerable<string> ids, string family) =>
        ids.Where(id => System.Text.RegularExpressions.Regex.IsMatch(id, $"^claude-{family}-\\d[\\w.-]*$") && !id.EndsWith("-progress", StringComparison.Ordinal));
}
