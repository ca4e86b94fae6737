using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>POST /v1/messages answered by the fake CLI: Anthropic's message and stream shapes, field by field (https://docs.anthropic.com/en/api/messages).</summary>
public sealed class MessagesApiTests : SharedGatewayFixture
{
    private const string ReadFileArguments = """{"path":"src/config.ts"}""";

    [Test, CancelAfter(60_000)]
    public async Task A_non_streamed_answer_is_an_Anthropic_message_field_by_field(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(
            FakeCli.Directives("reply Hello there, friend", "usage in=100 out=7 cache_read=40 cache_creation=10")), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(json.GetProperty("id").GetString(), Does.Match("^msg_[0-9a-f]{24}$"));
        Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("message"));
        Assert.That(json.GetProperty("role").GetString(), Is.EqualTo("assistant"));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo(ChatRequests.Model));
        var content = json.GetProperty("content");
        Assert.That(content.GetArrayLength(), Is.EqualTo(1));
        Assert.That(content[0].GetProperty("type").GetString(), Is.EqualTo("text"));
        Assert.That(content[0].GetProperty("text").GetString(), Is.EqualTo("Hello there, friend"));
        Assert.That(json.GetProperty("stop_reason").GetString(), Is.EqualTo("end_turn"));
        Assert.That(json.GetProperty("stop_sequence").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var usage = json.GetProperty("usage");
        Assert.That(usage.GetProperty("input_tokens").GetInt32(), Is.EqualTo(100), "the uncached input, as Anthropic counts it");
        Assert.That(usage.GetProperty("output_tokens").GetInt32(), Is.EqualTo(7));
        Assert.That(usage.GetProperty("cache_read_input_tokens").GetInt32(), Is.EqualTo(40));
        Assert.That(usage.GetProperty("cache_creation_input_tokens").GetInt32(), Is.EqualTo(10));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_streamed_answer_has_Anthropics_named_events_in_order(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(
            FakeCli.Directives("thinking Let me think", "reply Hello there, friend", "usage in=100 out=7 cache_read=40 cache_creation=10"), stream: true), cancellationToken);
        var events = await MessagesRequests.ReadEventsAsync(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(events.All(e => e.Data.GetProperty("type").GetString() == e.Name), Is.True, "every event's type is its name");
        var names = events.Select(e => e.Name).Where(n => n != "ping").ToList();
        Assert.That(names[0], Is.EqualTo("message_start"));
        Assert.That(names[^2..], Is.EqualTo(new[] { "message_delta", "message_stop" }));
        var start = events[0].Data.GetProperty("message");
        Assert.That(start.GetProperty("id").GetString(), Does.StartWith("msg_"));
        Assert.That(start.GetProperty("role").GetString(), Is.EqualTo("assistant"));
        Assert.That(start.GetProperty("content").GetArrayLength(), Is.Zero);
        Assert.That(start.GetProperty("stop_reason").ValueKind, Is.EqualTo(JsonValueKind.Null));

        var blocks = events.Where(e => e.Name == "content_block_start").Select(e => e.Data).ToList();
        Assert.That(blocks.Select(b => b.GetProperty("index").GetInt32()), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(blocks[0].GetProperty("content_block").GetProperty("type").GetString(), Is.EqualTo("thinking"));
        Assert.That(blocks[1].GetProperty("content_block").GetProperty("type").GetString(), Is.EqualTo("text"));
        Assert.That(blocks[1].GetProperty("content_block").GetProperty("text").GetString(), Is.Empty);
        var deltas = events.Where(e => e.Name == "content_block_delta").Select(e => e.Data).ToList();
        Assert.That(string.Concat(deltas.Where(d => d.GetProperty("delta").GetProperty("type").GetString() == "thinking_delta").Select(d => d.GetProperty("delta").GetProperty("thinking").GetString())), Is.EqualTo("Let me think"));
        Assert.That(deltas.Count(d => d.GetProperty("delta").GetProperty("type").GetString() == "signature_delta"), Is.EqualTo(1), "a thinking block ends with its signature");
        var text = deltas.Where(d => d.GetProperty("index").GetInt32() == 1).Select(d => d.GetProperty("delta")).ToList();
        Assert.That(text.All(d => d.GetProperty("type").GetString() == "text_delta"), Is.True);
        Assert.That(string.Concat(text.Select(d => d.GetProperty("text").GetString())), Is.EqualTo("Hello there, friend"));
        Assert.That(events.Where(e => e.Name == "content_block_stop").Select(e => e.Data.GetProperty("index").GetInt32()), Is.EqualTo(new[] { 0, 1 }));
        // Each block stops before the next one starts.
        Assert.That(names, Is.EqualTo(new[] { "message_start", "content_block_start" }
            .Concat(Enumerable.Repeat("content_block_delta", names.IndexOf("content_block_stop") - 2))
            .Append("content_block_stop").Append("content_block_start")
            .Concat(Enumerable.Repeat("content_block_delta", text.Count))
            .Append("content_block_stop").Append("message_delta").Append("message_stop")));

        var end = events.Single(e => e.Name == "message_delta").Data;
        Assert.That(end.GetProperty("delta").GetProperty("stop_reason").GetString(), Is.EqualTo("end_turn"));
        Assert.That(end.GetProperty("delta").GetProperty("stop_sequence").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(end.GetProperty("usage").GetProperty("output_tokens").GetInt32(), Is.EqualTo(7));
        Assert.That(end.GetProperty("usage").GetProperty("input_tokens").GetInt32(), Is.EqualTo(100));
        Assert.That(end.GetProperty("usage").GetProperty("cache_read_input_tokens").GetInt32(), Is.EqualTo(40));
        Assert.That(end.GetProperty("usage").GetProperty("cache_creation_input_tokens").GetInt32(), Is.EqualTo(10));
    }

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(60_000)]
    public async Task A_tool_call_is_a_tool_use_block_with_the_clients_tool_name_and_input(bool stream, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostMessagesAsync(WithReadFileTool(
            MessagesRequests.Body(FakeCli.Directives($"tool mcp__w__read_file {ReadFileArguments}"), stream)), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        if (!stream)
        {
            var json = await response.JsonAsync(cancellationToken);
            Assert.That(json.GetProperty("stop_reason").GetString(), Is.EqualTo("tool_use"));
            var block = json.GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
            Assert.That(block.GetProperty("id").GetString(), Is.Not.Empty);
            Assert.That(block.GetProperty("name").GetString(), Is.EqualTo("read_file"));
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(block.GetProperty("input").GetRawText()), JsonNode.Parse(ReadFileArguments)), Is.True);
            return;
        }
        var events = await MessagesRequests.ReadEventsAsync(response, cancellationToken);
        var start = events.Single(e => e.Name == "content_block_start" && e.Data.GetProperty("content_block").GetProperty("type").GetString() == "tool_use").Data;
        var index = start.GetProperty("index").GetInt32();
        Assert.That(start.GetProperty("content_block").GetProperty("name").GetString(), Is.EqualTo("read_file"));
        Assert.That(start.GetProperty("content_block").GetProperty("id").GetString(), Is.Not.Empty);
        Assert.That(start.GetProperty("content_block").GetProperty("input").GetRawText(), Is.EqualTo("{}"), "the input streams as input_json_delta");
        var json_ = string.Concat(events.Where(e => e.Name == "content_block_delta" && e.Data.GetProperty("index").GetInt32() == index)
            .Select(e => e.Data.GetProperty("delta")).Select(d => d.GetProperty("type").GetString() == "input_json_delta" ? d.GetProperty("partial_json").GetString() : throw new AssertionException(d.ToString())));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(json_), JsonNode.Parse(ReadFileArguments)), Is.True);
        Assert.That(events.Single(e => e.Name == "message_delta").Data.GetProperty("delta").GetProperty("stop_reason").GetString(), Is.EqualTo("tool_use"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Tool_results_images_and_the_system_prompt_reach_the_CLI(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var png = Convert.ToBase64String(TestImages.Png(4, 3));
        var body = JsonNode.Parse("""
            {"model":"claude-sonnet-4-5","max_tokens":512,"metadata":{"user_id":"u-1"},"top_k":5,"temperature":0.5,
             "system":[{"type":"text","text":"You are terse.","cache_control":{"type":"ephemeral"}}],
             "tools":[{"name":"read_file","description":"Read a file.","input_schema":{"type":"object","properties":{"path":{"type":"string"}}}}],
             "messages":[
               {"role":"user","content":"Read the config"},
               {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"c2ln"},{"type":"text","text":"Reading it."},{"type":"tool_use","id":"toolu_01","name":"read_file","input":{"path":"a.ts"}}]},
               {"role":"user","content":[
                 {"type":"tool_result","tool_use_id":"toolu_01","is_error":true,"content":[{"type":"text","text":"ENOENT: no such file"}]},
                 {"type":"text","text":"DIRECTIVES"},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"PNG"}}]}],
             "some_future_field":{"x":1}}
            """.Replace("PNG", png, StringComparison.Ordinal))!;
        body["messages"]![2]!["content"]![1]!["text"] = FakeCli.Directives("reply Done", $"record {gateway.RecordDirectory}");

        using var response = await gateway.Client.PostMessagesAsync(body, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
        Assert.That(record.SystemPrompt, Does.Contain("You are terse."));
        // Claude Code (which the fake imitates for this model) reads one stream-json user message: its text is the transcript.
        var prompt = JsonDocument.Parse(record.Stdin).RootElement.GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString();
        Assert.That(prompt, Does.Contain("tool_call_id=\"toolu_01\""));
        Assert.That(prompt, Does.Contain("[the tool reported an error]\nENOENT: no such file"));
        Assert.That(prompt, Does.Contain("[called tool read_file (call id toolu_01) with arguments {\"path\":\"a.ts\"}]"));
        Assert.That(prompt, Does.Not.Contain("hmm"), "earlier thinking is not replayed");
        Assert.That(record.Images, Has.Count.EqualTo(1));
        Assert.That(record.Images[0].MediaType, Is.EqualTo("image/png"));
    }

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(60_000)]
    public async Task A_stop_sequence_ends_the_answer_before_it(bool stream, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = MessagesRequests.Body(FakeCli.Directives("reply One two STOP three four", "chunk-delay 5"), stream);
        body["stop_sequences"] = new JsonArray("STOP", "never");

        using var response = await gateway.Client.PostMessagesAsync(body, cancellationToken);

        if (!stream)
        {
            var json = await response.JsonAsync(cancellationToken);
            Assert.That(json.GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("One two "));
            Assert.That(json.GetProperty("stop_reason").GetString(), Is.EqualTo("stop_sequence"));
            Assert.That(json.GetProperty("stop_sequence").GetString(), Is.EqualTo("STOP"));
            return;
        }
        var events = await MessagesRequests.ReadEventsAsync(response, cancellationToken);
        Assert.That(string.Concat(events.Where(e => e.Name == "content_block_delta").Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString())), Is.EqualTo("One two "));
        var end = events.Single(e => e.Name == "message_delta").Data.GetProperty("delta");
        Assert.That(end.GetProperty("stop_reason").GetString(), Is.EqualTo("stop_sequence"));
        Assert.That(end.GetProperty("stop_sequence").GetString(), Is.EqualTo("STOP"));
        Assert.That(events[^1].Name, Is.EqualTo("message_stop"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_max_tokens_stop_is_stop_reason_max_tokens(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(FakeCli.Directives("reply Cut", "max-tokens")), cancellationToken);

        Assert.That((await response.JsonAsync(cancellationToken)).GetProperty("stop_reason").GetString(), Is.EqualTo("max_tokens"));
    }

    [TestCase("v1/messages?beta=true")]
    [TestCase("messages")]
    [CancelAfter(60_000)]
    public async Task The_beta_query_and_the_route_without_v1_answer_the_same(string path, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(FakeCli.Directives("reply Same")), cancellationToken, path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.JsonAsync(cancellationToken)).GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Same"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_stream_that_fails_before_its_first_event_gets_the_status_and_Anthropics_error(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["SSE_KEEPALIVE_INTERVAL"] = "10" });

        using var response = await gateway.Client.PostMessagesAsync(MessagesRequests.Body(FakeCli.Directives("error 429"), stream: true), cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("error"));
        Assert.That(json.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("rate_limit_error"));
        Assert.That(json.GetProperty("error").GetProperty("message").GetString(), Is.Not.Empty);
    }

    internal static JsonObject WithReadFileTool(JsonObject body)
    {
        body["tools"] = JsonNode.Parse("""[{"name":"read_file","description":"Read a file from the workspace.","input_schema":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}]""");
        body["tool_choice"] = JsonNode.Parse("""{"type":"auto"}""");
        return body;
    }
}
