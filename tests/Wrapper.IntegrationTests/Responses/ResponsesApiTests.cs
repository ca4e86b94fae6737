using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests.Responses;

/// <summary>POST /v1/responses through the gateway and the fake CLI: the answer's shape and its stream, field by field.</summary>
public sealed class ResponsesApiTests : SharedGatewayFixture
{
    [Test, CancelAfter(60_000)]
    public async Task A_non_streamed_response_has_OpenAIs_shape_with_the_text_and_usage(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = ResponsesRequests.Body(FakeCli.Directives("reply Hello from Responses", "usage in=12 out=5 cache_read=3"));
        body["instructions"] = "Be brief.";
        body["metadata"] = new JsonObject { ["ticket"] = "42" };

        using var response = await gateway.Client.PostResponsesAsync(body, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("id").GetString(), Does.StartWith("resp_"));
        Assert.That(json.GetProperty("object").GetString(), Is.EqualTo("response"));
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(json.GetProperty("created_at").GetInt64(), Is.GreaterThan(1_700_000_000));
        Assert.That(json.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.GetProperty("incomplete_details").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.GetProperty("instructions").GetString(), Is.EqualTo("Be brief."));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo(ChatRequests.Model));
        Assert.That(json.GetProperty("store").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("metadata").GetProperty("ticket").GetString(), Is.EqualTo("42"));
        Assert.That(json.GetProperty("tool_choice").GetString(), Is.EqualTo("auto"));
        Assert.That(json.GetProperty("text").GetProperty("format").GetProperty("type").GetString(), Is.EqualTo("text"));
        var message = json.GetProperty("output").EnumerateArray().Single();
        Assert.That(message.Type(), Is.EqualTo("message"));
        Assert.That(message.GetProperty("id").GetString(), Does.StartWith("msg_"));
        Assert.That(message.GetProperty("role").GetString(), Is.EqualTo("assistant"));
        Assert.That(message.GetProperty("status").GetString(), Is.EqualTo("completed"));
        var part = message.GetProperty("content").EnumerateArray().Single();
        Assert.That(part.Type(), Is.EqualTo("output_text"));
        Assert.That(part.GetProperty("text").GetString(), Is.EqualTo("Hello from Responses"));
        Assert.That(part.GetProperty("annotations").GetArrayLength(), Is.Zero);
        var usage = json.GetProperty("usage");
        Assert.That(usage.GetProperty("input_tokens").GetInt32(), Is.EqualTo(15));
        Assert.That(usage.GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(3));
        Assert.That(usage.GetProperty("output_tokens").GetInt32(), Is.EqualTo(5));
        Assert.That(usage.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32(), Is.Zero);
        Assert.That(usage.GetProperty("total_tokens").GetInt32(), Is.EqualTo(20));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_streamed_response_sends_OpenAIs_events_in_order_with_sequence_numbers(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostResponsesAsync(
            ResponsesRequests.Body(FakeCli.Directives("thinking Let me think", "reply Streaming works fine", "usage in=9 out=6"), stream: true), cancellationToken);
        var events = await ResponsesRequests.EventsAsync(response, cancellationToken);

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()), Is.EqualTo(Enumerable.Range(0, events.Count)));
        Assert.That(events.Select(e => e.Name), Is.EqualTo(events.Select(e => e.Data.Type())), "each event is named by its type");
        var types = events.Select(e => e.Name).Where(t => !t.EndsWith(".delta", StringComparison.Ordinal)).ToList();
        Assert.That(types, Is.EqualTo(new[]
        {
            "response.created", "response.in_progress",
            "response.output_item.added", "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed",
        }));
        var deltas = events.Where(e => e.Name == "response.output_text.delta").Select(e => e.Data).ToList();
        Assert.That(string.Concat(deltas.Select(d => d.GetProperty("delta").GetString())), Is.EqualTo("Streaming works fine"));
        Assert.That(deltas.All(d => d.GetProperty("output_index").GetInt32() == 1 && d.GetProperty("content_index").GetInt32() == 0), Is.True);
        Assert.That(string.Concat(events.Where(e => e.Name == "response.reasoning_summary_text.delta").Select(e => e.Data.GetProperty("delta").GetString())), Is.EqualTo("Let me think"));
        var created = events[0].Data.GetProperty("response");
        Assert.That(created.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
        Assert.That(created.GetProperty("output").GetArrayLength(), Is.Zero);
        var completed = events[^1].Data.GetProperty("response");
        Assert.That(completed.GetProperty("id").GetString(), Is.EqualTo(created.GetProperty("id").GetString()));
        Assert.That(completed.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(completed.GetProperty("output")[0].Type(), Is.EqualTo("reasoning"));
        Assert.That(completed.GetProperty("output")[0].GetProperty("summary")[0].GetProperty("text").GetString(), Is.EqualTo("Let me think"));
        Assert.That(completed.GetProperty("output")[1].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Streaming works fine"));
        Assert.That(completed.GetProperty("usage").GetProperty("total_tokens").GetInt32(), Is.EqualTo(15));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_function_tool_call_comes_back_as_a_function_call_item_and_its_output_reaches_the_model(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = ResponsesRequests.Body(FakeCli.Directives("tool mcp__w__get_weather {\"city\":\"Paris\"}"), stream: true);
        body["tools"] = JsonNode.Parse("""
            [{"type":"function","name":"get_weather","description":"Weather of a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
             {"type":"web_search"}]
            """);

        using var response = await gateway.Client.PostResponsesAsync(body, cancellationToken);
        var events = await ResponsesRequests.EventsAsync(response, cancellationToken);

        var names = events.Select(e => e.Name).ToList();
        Assert.That(names, Is.EqualTo(new[]
        {
            "response.created", "response.in_progress", "response.output_item.added",
            "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.output_item.done", "response.completed",
        }));
        var added = events[2].Data.GetProperty("item");
        Assert.That(added.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
        Assert.That(added.GetProperty("arguments").GetString(), Is.Empty);
        var call = events[5].Data.GetProperty("item");
        Assert.That(call.Type(), Is.EqualTo("function_call"));
        Assert.That(call.GetProperty("id").GetString(), Does.StartWith("fc_"));
        Assert.That(call.GetProperty("call_id").GetString(), Is.Not.Empty);
        Assert.That(call.GetProperty("name").GetString(), Is.EqualTo("get_weather"));
        Assert.That(JsonNode.Parse(call.GetProperty("arguments").GetString()!)!["city"]!.GetValue<string>(), Is.EqualTo("Paris"));
        Assert.That(events[4].Data.GetProperty("arguments").GetString(), Is.EqualTo(call.GetProperty("arguments").GetString()));

        // The next turn gives the call and its output back; the CLI sees both.
        var next = new JsonObject
        {
            ["model"] = ChatRequests.Model,
            ["input"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Weather in Paris?" },
                JsonNode.Parse(call.GetRawText()),
                new JsonObject { ["type"] = "function_call_output", ["call_id"] = call.GetProperty("call_id").GetString(), ["output"] = "18 degrees and sunny" },
                new JsonObject { ["role"] = "user", ["content"] = FakeCli.Directives($"record {gateway.RecordDirectory}", "reply It is sunny") }),
        };
        using var second = await gateway.Client.PostResponsesAsync(next, cancellationToken);
        var json = await second.JsonAsync(cancellationToken);
        var record = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("It is sunny"));
        Assert.That(record.PromptText, Does.Contain("18 degrees and sunny"));
        Assert.That(record.PromptText, Does.Contain("get_weather"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_custom_tool_is_served_as_one_string_and_returned_as_a_custom_tool_call(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = ResponsesRequests.Body(FakeCli.Directives("tool mcp__w__apply_patch {\"input\":\"*** Begin Patch\\n*** End Patch\"}"));
        body["tools"] = JsonNode.Parse("""
            [{"type":"custom","name":"apply_patch","description":"Edit files","format":{"type":"grammar","syntax":"lark","definition":"start: \"*** Begin Patch\""}}]
            """);

        using var response = await gateway.Client.PostResponsesAsync(body, cancellationToken);
        var item = (await response.JsonAsync(cancellationToken)).GetProperty("output").EnumerateArray().Single();

        Assert.That(item.Type(), Is.EqualTo("custom_tool_call"));
        Assert.That(item.GetProperty("name").GetString(), Is.EqualTo("apply_patch"));
        Assert.That(item.GetProperty("input").GetString(), Is.EqualTo("*** Begin Patch\n*** End Patch"));
        Assert.That(item.GetProperty("call_id").GetString(), Is.Not.Empty);
    }

    [Test, CancelAfter(60_000)]
    public async Task The_output_token_limit_makes_the_response_incomplete(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = ResponsesRequests.Body(FakeCli.Directives("reply Cut", "max-tokens"), stream: true);
        body["max_output_tokens"] = 64;

        using var response = await gateway.Client.PostResponsesAsync(body, cancellationToken);
        var last = (await ResponsesRequests.EventsAsync(response, cancellationToken))[^1];

        Assert.That(last.Name, Is.EqualTo("response.incomplete"));
        Assert.That(last.Data.GetProperty("response").GetProperty("status").GetString(), Is.EqualTo("incomplete"));
        Assert.That(last.Data.GetProperty("response").GetProperty("incomplete_details").GetProperty("reason").GetString(), Is.EqualTo("max_output_tokens"));
        Assert.That(last.Data.GetProperty("response").GetProperty("max_output_tokens").GetInt32(), Is.EqualTo(64));
    }

    [TestCase("/responses")]
    [TestCase("/v1/responses")]
    [CancelAfter(60_000)]
    public async Task The_route_answers_with_and_without_v1(string path, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostResponsesAsync(ResponsesRequests.Body(FakeCli.Directives("reply ok")), cancellationToken, path.TrimStart('/'));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.JsonAsync(cancellationToken)).GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("ok"));
    }
}
