using Wrapper.Server.Core;
using Wrapper.Server.Providers;
using Wrapper.Server.Tools;

namespace Wrapper.Tests.Tools;

public sealed class ToolCallFilterTests
{
    private static readonly Dictionary<string, string> Names = new() { ["mcp__w__read_file"] = "read_file", ["mcp__w__write"] = "write" };

    [Test]
    public void Names_map_back_indexes_are_renumbered_and_unknown_tools_are_dropped()
    {
        var filter = new ToolCallFilter(Names, parallelCalls: true);

        var events = new ProviderEvent[]
        {
            new ToolCallReady(0, "toolu_1", "Bash", "{\"command\":\"rm -rf /\"}"),
            new ToolCallReady(1, "toolu_2", "mcp__w__read_file", "{\"path\":\"a\"}"),
            new ToolCallReady(2, "toolu_3", "mcp__w__write", ""),
            new TurnCompleted(FinishReason.ToolCalls),
        }.SelectMany(filter.Apply).ToList();

        Assert.That(events, Is.EqualTo(new ProviderEvent[]
        {
            new ToolCallReady(0, "toolu_2", "read_file", "{\"path\":\"a\"}"),
            new ToolCallReady(1, "toolu_3", "write", "{}"),
            new TurnCompleted(FinishReason.ToolCalls),
        }));
    }

    [Test]
    public void Without_parallel_calls_only_the_first_call_passes()
    {
        var filter = new ToolCallFilter(Names, parallelCalls: false);

        var calls = new[] { new ToolCallReady(0, "a", "mcp__w__read_file", "{}"), new ToolCallReady(1, "b", "mcp__w__write", "{}") }
            .SelectMany(filter.Apply).ToList();

        Assert.That(calls, Has.Count.EqualTo(1));
    }

    [TestCase("{\"path\":")]
    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    public void Arguments_that_are_not_a_JSON_object_never_reach_the_client(string arguments)
    {
        var filter = new ToolCallFilter(Names, parallelCalls: true);

        var result = filter.Apply(new ToolCallReady(0, "a", "mcp__w__read_file", arguments)).Single();

        Assert.That(result, Is.TypeOf<TurnFailed>());
        Assert.That(((TurnFailed)result).Error.Code, Is.EqualTo("invalid_tool_arguments"));
    }

    [Test]
    public void A_tool_use_stop_with_no_call_for_the_client_ends_as_a_plain_stop()
    {
        var filter = new ToolCallFilter(Names, parallelCalls: true);

        var events = new ProviderEvent[] { new ToolCallReady(0, "a", "Bash", "{}"), new TurnCompleted(FinishReason.ToolCalls) }.SelectMany(filter.Apply);

        Assert.That(events, Is.EqualTo(new[] { new TurnCompleted(FinishReason.Stop) }));
    }
}
