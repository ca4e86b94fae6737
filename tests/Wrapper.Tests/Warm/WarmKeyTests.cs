using System.Text.Json;
using Wrapper.Server.Core;
using Wrapper.Server.Tools;
using Wrapper.Server.Warm;

namespace Wrapper.Tests.Warm;

/// <summary>A warm process serves only requests whose spawn-fixed set-up equals its own.</summary>
public sealed class WarmKeyTests
{
    private static readonly CompletionRequest Base = new()
    {
        Model = "claude-sonnet-4-5",
        SystemPrompt = "You are a coding agent.",
        Messages = [new ConversationMessage(ConversationRole.User, "first turn")],
        ClientIdentity = "127.0.0.1",
        Tools = [new ToolSpec("read_file", "Read a file.", JsonDocument.Parse("""{"type":"object"}""").RootElement)],
    };

    [Test]
    public void The_conversation_and_images_are_not_part_of_the_key()
    {
        var later = Base with { Messages = [.. Base.Messages, new ConversationMessage(ConversationRole.Assistant, "ok"), new ConversationMessage(ConversationRole.User, "second")] };

        Assert.That(WarmKey.For("claude", later), Is.EqualTo(WarmKey.For("claude", Base)));
    }

    [Test]
    public void The_progress_suffix_is_not_part_of_the_key_because_the_CLI_gets_the_same_model() =>
        Assert.That(WarmKey.For("claude", Base with { Model = "claude-sonnet-4-5-progress" }), Is.EqualTo(WarmKey.For("claude", Base)));

    private static IEnumerable<TestCaseData> SpawnFixedChanges()
    {
        yield return Case(Base with { Model = "claude-opus-4-8" }, "model");
        yield return Case(Base with { SystemPrompt = "You are terse." }, "system prompt");
        yield return Case(Base with { SystemPrompt = null }, "no system prompt");
        yield return Case(Base with { ClientIdentity = "10.0.0.2" }, "client");
        yield return Case(Base with { MaxOutputTokens = 100 }, "output limit");
        yield return Case(Base with { Tools = [] }, "no tools");
        yield return Case(Base with { Tools = [new ToolSpec("read_file", "Read a file!", Base.Tools[0].InputSchema)] }, "tool description");
        yield return Case(Base with { Tools = [new ToolSpec("read_file", "Read a file.", JsonDocument.Parse("""{"type":"object","required":["path"]}""").RootElement)] }, "tool schema");
        yield return Case(Base with { ToolChoice = ToolChoice.Required }, "tool choice");
        yield return Case(Base with { ParallelToolCalls = false }, "parallel tool calls");
        yield return Case(Base with { ExpectsXmlTools = true }, "XML tool format");
    }

    // The request travels as object: CompletionRequest is internal and test methods are public.
    private static TestCaseData Case(CompletionRequest changed, string name) => new TestCaseData(changed).SetName("Changing the " + name + " changes the key");

    [TestCaseSource(nameof(SpawnFixedChanges))]
    public void Anything_fixed_at_spawn_changes_the_key(object changed) =>
        Assert.That(WarmKey.For("claude", (CompletionRequest)changed), Is.Not.EqualTo(WarmKey.For("claude", Base)));

    [Test]
    public void Fields_cannot_be_shifted_into_each_other()
    {
        var a = Base with { SystemPrompt = "ab", ClientIdentity = "c" };
        var b = Base with { SystemPrompt = "a", ClientIdentity = "bc" };

        Assert.That(WarmKey.For("claude", a), Is.Not.EqualTo(WarmKey.For("claude", b)));
    }

    [Test]
    public void Providers_never_share_a_key() =>
        Assert.That(WarmKey.For("qwen", Base), Is.Not.EqualTo(WarmKey.For("claude", Base)));
}
