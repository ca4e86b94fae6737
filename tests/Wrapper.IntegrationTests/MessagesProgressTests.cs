using System.Net;
using System.Text.Json;

namespace Wrapper.IntegrationTests;

/// <summary>The <c>-progress</c> model suffix on the Messages API: markers as text while the CLI works, then the answer.</summary>
public sealed class MessagesProgressTests
{
    private const string ProgressModel = ProgressTests.ProgressModel;
    private static readonly Dictionary<string, string?> FastProgress = ProgressTests.FastProgress;

    [Test, CancelAfter(60_000)]
    public async Task A_progress_stream_opens_a_text_block_with_the_hourglass_then_rotates_then_answers_in_that_block(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(FastProgress);

        using var response = await gateway.Client.PostMessagesAsync(
            MessagesRequests.Body(FakeCli.Directives("sleep 1500", "reply The answer"), stream: true, model: ProgressModel), cancellationToken);
        var events = await MessagesRequests.ReadEventsAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var names = events.Select(e => e.Name).Where(n => n != "ping").ToList();
        Assert.That(names[..2], Is.EqualTo(new[] { "message_start", "content_block_start" }));
        Assert.That(names[^4..], Is.EqualTo(new[] { "content_block_delta", "content_block_stop", "message_delta", "message_stop" }));
        Assert.That(events.Where(e => e.Name == "content_block_start").Select(e => e.Data.GetProperty("content_block").GetProperty("type").GetString()),
            Is.EqualTo(new[] { "text" }), "markers and answer share one text block");
        var texts = TextDeltas(events);
        Assert.That(texts[0], Is.EqualTo("⏳"), "the first delta carries the hourglass");
        var markers = texts.Skip(1).TakeWhile(t => t.StartsWith(' ')).ToList();
        string[] expected = [" ◐·", " ◓··", " ◑···", " ◒····", " ◐·····"];
        Assert.That(markers, Has.Count.InRange(2, 5), "0.15 s, then 0.3, 0.6, 1.2 s apart: a few within 1.5 s");
        Assert.That(markers, Is.EqualTo(expected.Take(markers.Count)));
        Assert.That(string.Concat(texts.Skip(1 + markers.Count)), Is.EqualTo("\n\nThe answer"));
        Assert.That(events.Single(e => e.Name == "message_delta").Data.GetProperty("delta").GetProperty("stop_reason").GetString(), Is.EqualTo("end_turn"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Markers_never_end_up_in_a_tool_use_input(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(FastProgress);
        var body = MessagesApiTests.WithReadFileTool(MessagesRequests.Body(
            FakeCli.Directives("sleep 700", """tool mcp__w__read_file {"path":"a.txt"}"""), stream: true, model: ProgressModel));

        using var response = await gateway.Client.PostMessagesAsync(body, cancellationToken);
        var events = await MessagesRequests.ReadEventsAsync(response);

        Assert.That(TextDeltas(events), Has.Some.StartWith(" ◐"), "markers were shown while the CLI worked");
        var blocks = events.Where(e => e.Name == "content_block_start").Select(e => e.Data.GetProperty("content_block")).ToList();
        Assert.That(blocks.Select(b => b.GetProperty("type").GetString()), Is.EqualTo(new[] { "text", "tool_use" }));
        Assert.That(blocks[1].GetProperty("name").GetString(), Is.EqualTo("read_file"));
        var input = events.Where(e => e.Name == "content_block_delta" && e.Data.GetProperty("index").GetInt32() == 1)
            .Select(e => e.Data.GetProperty("delta").GetProperty("partial_json").GetString());
        Assert.That(string.Concat(input), Is.EqualTo("""{"path":"a.txt"}"""));
        Assert.That(events.Single(e => e.Name == "message_delta").Data.GetProperty("delta").GetProperty("stop_reason").GetString(), Is.EqualTo("tool_use"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_progress_stream_shows_the_hourglass_at_once_so_an_early_failure_is_an_error_event(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();

        using var response = await gateway.Client.PostMessagesAsync(
            MessagesRequests.Body(FakeCli.Directives("sleep 500", "error 429"), stream: true, model: ProgressModel), cancellationToken);
        var events = (await MessagesRequests.ReadEventsAsync(response)).Where(e => e.Name != "ping").ToList();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a -progress model asked for feedback at once");
        Assert.That(TextDeltas(events)[0], Is.EqualTo("⏳"));
        Assert.That(events[^1].Name, Is.EqualTo("error"), "one error event ends the stream, no message_stop");
        Assert.That(events[^1].Data.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("rate_limit_error"));
        Assert.That(events.Select(e => e.Name), Has.None.EqualTo("message_stop"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Without_the_suffix_no_marker_is_ever_sent_and_a_non_streamed_progress_answer_is_only_the_answer(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(FastProgress);

        using var plain = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(FakeCli.Directives("sleep 800", "reply Plain"), stream: true), cancellationToken);
        var plainTexts = TextDeltas(await MessagesRequests.ReadEventsAsync(plain));
        using var whole = await gateway.Client.PostMessagesAsync(
            MessagesRequests.Body(FakeCli.Directives("sleep 500", "reply Only this"), model: ProgressModel), cancellationToken);
        var message = await whole.JsonAsync();

        Assert.That(string.Concat(plainTexts), Is.EqualTo("Plain"));
        Assert.That(message.GetProperty("content").GetArrayLength(), Is.EqualTo(1));
        Assert.That(message.GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Only this"));
    }

    private static List<string> TextDeltas(IEnumerable<NamedEvent> events) =>
        [.. events.Where(e => e.Name == "content_block_delta" && e.Data.GetProperty("delta").GetProperty("type").GetString() == "text_delta")
            .Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString()!)
            .Where(t => t.Length > 0)];
}
