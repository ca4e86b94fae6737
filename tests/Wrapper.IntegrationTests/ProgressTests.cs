using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>The <c>-progress</c> model suffix: markers while the CLI works, then the answer.</summary>
public sealed class ProgressTests
{
    internal const string ProgressModel = ChatRequests.Model + "-progress";
    internal static readonly Dictionary<string, string?> FastProgress = new() { ["PROGRESS_INTERVAL"] = "0.15", ["SSE_KEEPALIVE_INTERVAL"] = "30" };

    [Test, CancelAfter(60_000)]
    public async Task A_progress_stream_starts_with_the_hourglass_then_rotates_with_growing_dots_then_answers(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(FastProgress);

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("sleep 1500", "reply The answer"), stream: true, model: ProgressModel), cancellationToken);
        var contents = ContentDeltas(await ServerSentEvents.ReadAllAsync(response, cancellationToken));

        Assert.That(contents[0], Is.EqualTo("⏳"), "the first chunk carries the hourglass");
        var markers = contents.Skip(1).TakeWhile(c => c.StartsWith(' ')).ToList();
        string[] expected = [" ◐·", " ◓··", " ◑···", " ◒····", " ◐·····"];
        Assert.That(markers, Has.Count.InRange(2, 5), "0.15 s, then 0.3, 0.6, 1.2 s apart: a few within 1.5 s");
        Assert.That(markers, Is.EqualTo(expected.Take(markers.Count)));
        Assert.That(string.Concat(contents.Skip(1 + markers.Count)), Is.EqualTo("\n\nThe answer"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Markers_never_end_up_in_tool_call_arguments(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(FastProgress);
        var body = ChatRequests.Body(FakeCli.Directives("sleep 700", "tool mcp__w__read_file {\"path\":\"a.txt\"}"), stream: true, model: ProgressModel);
        body["tools"] = JsonNode.Parse("[{\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"parameters\":{\"type\":\"object\"}}}]");

        using var response = await gateway.Client.PostAsync(body, cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        var arguments = events.Where(e => e.Json is { } json && json.GetProperty("choices").GetArrayLength() > 0)
            .Select(e => e.Json!.Value.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .Select(d => d.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString())
            .ToList();
        Assert.That(ContentDeltas(events), Has.Some.StartWith(" ◐"), "markers were shown while the CLI worked");
        Assert.That(arguments, Is.EqualTo(new[] { "{\"path\":\"a.txt\"}" }));
    }

    [Test, CancelAfter(60_000)]
    public async Task Without_the_suffix_no_marker_is_ever_sent(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(FastProgress);

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("sleep 800", "reply Plain"), stream: true), cancellationToken);
        var contents = ContentDeltas(await ServerSentEvents.ReadAllAsync(response, cancellationToken));

        Assert.That(string.Concat(contents), Is.EqualTo("Plain"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_non_streamed_progress_request_contains_only_the_answer_and_the_CLI_gets_the_base_model(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(FastProgress);

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("sleep 500", "reply Only this", $"record {gateway.RecordDirectory}"), model: ProgressModel), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);
        var argv = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single()).Argv.ToList();

        Assert.That(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Only this"));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo(ChatRequests.Model), "the model that served it");
        Assert.That(argv[argv.IndexOf("--model") + 1], Is.EqualTo(ChatRequests.Model));
    }

    [Test, CancelAfter(60_000)]
    public async Task Models_lists_a_progress_variant_of_every_model(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();

        var ids = (await (await gateway.Client.GetAsync("v1/models", cancellationToken)).JsonAsync(cancellationToken)).GetProperty("data").EnumerateArray()
            .Select(m => m.GetProperty("id").GetString()!).ToList();

        Assert.That(ids.Where(id => !id.EndsWith("-progress", StringComparison.Ordinal)).Select(id => id + "-progress"), Is.SubsetOf(ids));
        Assert.That(ids, Has.Some.EndsWith("-progress"), "the listed models have progress variants (which ids are listed is CLAUDE_MODELS' default)");
    }

    private static List<string> ContentDeltas(IEnumerable<SseEvent> events) =>
        events.Where(e => e.Json is { } json && json.GetProperty("choices").GetArrayLength() > 0)
            .Select(e => e.Json!.Value.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
            .Select(d => d.GetProperty("content").GetString()!)
            .Where(c => c.Length > 0)
            .ToList();
}
