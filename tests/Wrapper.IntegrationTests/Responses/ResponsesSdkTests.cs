using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Responses;

#pragma warning disable OPENAI001 // the SDK marks its Responses client experimental

namespace Wrapper.IntegrationTests.Responses;

/// <summary>The official OpenAI .NET SDK's Responses client against the gateway: what .NET apps and agents will use.</summary>
public sealed class ResponsesSdkTests : SharedGatewayFixture
{
    [Test, CancelAfter(60_000)]
    public async Task The_SDK_gets_a_non_streamed_response_with_usage(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        ResponseResult response = await ClientFor(gateway).CreateResponseAsync(new CreateResponseOptions(ChatRequests.Model,
            [ResponseItem.CreateUserMessageItem(FakeCli.Directives("reply Hello from the Responses SDK", "usage in=12 out=5 cache_read=3"))])
        { Instructions = "Be brief." }, cancellationToken);

        Assert.That(response.GetOutputText(), Is.EqualTo("Hello from the Responses SDK"));
        Assert.That(response.Status, Is.EqualTo(ResponseStatus.Completed));
        Assert.That(response.Id, Does.StartWith("resp_"));
        Assert.That(response.Model, Is.EqualTo(ChatRequests.Model));
        Assert.That(response.Usage.InputTokenCount, Is.EqualTo(15));
        Assert.That(response.Usage.OutputTokenCount, Is.EqualTo(5));
        Assert.That(response.Usage.TotalTokenCount, Is.EqualTo(20));
        Assert.That(response.Usage.InputTokenDetails.CachedTokenCount, Is.EqualTo(3));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_SDK_streams_text_deltas_and_the_completed_response(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var text = new StringBuilder();
        var deltas = 0;
        var sequence = new List<int>();
        ResponseResult? completed = null;

        await foreach (var update in ClientFor(gateway).CreateResponseStreamingAsync(new CreateResponseOptions(ChatRequests.Model,
            [ResponseItem.CreateUserMessageItem(FakeCli.Directives("reply Streaming through the SDK works", "usage in=9 out=6"))]) { StreamingEnabled = true }, cancellationToken))
        {
            sequence.Add(update.SequenceNumber);
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
                deltas++;
            }
            if (update is StreamingResponseCompletedUpdate done) completed = done.Response;
        }

        Assert.That(text.ToString(), Is.EqualTo("Streaming through the SDK works"));
        Assert.That(deltas, Is.GreaterThan(1));
        Assert.That(sequence, Is.EqualTo(Enumerable.Range(0, sequence.Count)));
        Assert.That(completed?.GetOutputText(), Is.EqualTo("Streaming through the SDK works"));
        Assert.That(completed?.Usage.OutputTokenCount, Is.EqualTo(6));
    }

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(90_000)]
    public async Task The_SDK_calls_a_function_tool_and_continues_with_its_output(bool stream, CancellationToken cancellationToken)
    {
        // Held turns off: the stored conversation must reach a fresh CLI whole (the fake records a new process's prompt).
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["HELD_TURNS_MAX"] = "0" });
        var client = ClientFor(gateway);
        var weather = ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""), false, "Weather of a city");
        var options = new CreateResponseOptions(ChatRequests.Model, [ResponseItem.CreateUserMessageItem(FakeCli.Directives("tool mcp__w__get_weather {\"city\":\"Oslo\"}"))]) { Tools = { weather } };

        FunctionCallResponseItem call;
        string firstId;
        if (stream)
        {
            options.StreamingEnabled = true;
            ResponseResult? done = null;
            await foreach (var update in client.CreateResponseStreamingAsync(options, cancellationToken))
                if (update is StreamingResponseCompletedUpdate completed) done = completed.Response;
            call = done!.OutputItems.OfType<FunctionCallResponseItem>().Single();
            firstId = done.Id;
        }
        else
        {
            ResponseResult first = await client.CreateResponseAsync(options, cancellationToken);
            call = first.OutputItems.OfType<FunctionCallResponseItem>().Single();
            firstId = first.Id;
        }
        Assert.That(call.FunctionName, Is.EqualTo("get_weather"));
        Assert.That(call.FunctionArguments.ToString(), Does.Contain("Oslo"));

        var record = Path.Combine(gateway.RecordDirectory, "next");
        Directory.CreateDirectory(record);
        ResponseResult second = await client.CreateResponseAsync(new CreateResponseOptions(ChatRequests.Model,
            [ResponseItem.CreateFunctionCallOutputItem(call.CallId, "-3 degrees, snow"), ResponseItem.CreateUserMessageItem(FakeCli.Directives($"record {record}", "reply Snowy in Oslo"))])
        { PreviousResponseId = firstId, Tools = { weather } }, cancellationToken);
        var prompt = FakeCli.Read(Directory.GetFiles(record, "*.json").Single()).PromptText;

        Assert.That(second.GetOutputText(), Is.EqualTo("Snowy in Oslo"));
        Assert.That(prompt, Does.Contain("-3 degrees, snow"));
        Assert.That(prompt, Does.Contain("Oslo"));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_SDK_reads_lists_and_deletes_a_stored_response(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var client = ClientFor(gateway);
        ResponseResult created = await client.CreateResponseAsync(ChatRequests.Model, FakeCli.Directives("reply Stored"), null, cancellationToken);

        ResponseResult read = await client.GetResponseAsync(created.Id, cancellationToken);
        var items = new List<ResponseItem>();
        await foreach (var item in client.GetResponseInputItemsAsync(created.Id, cancellationToken)) items.Add(item);
        ResponseDeletionResult deleted = await client.DeleteResponseAsync(created.Id, cancellationToken);
        var gone = Assert.ThrowsAsync<ClientResultException>(async () => await client.GetResponseAsync(created.Id, cancellationToken));

        Assert.That(read.GetOutputText(), Is.EqualTo("Stored"));
        Assert.That(items.OfType<MessageResponseItem>().Single().Content[0].Text, Does.Contain("FAKE:reply Stored"));
        Assert.That(deleted.Deleted, Is.True);
        Assert.That(deleted.ResponseId, Is.EqualTo(created.Id));
        Assert.That(gone!.Status, Is.EqualTo(404));
    }

    [Test, CancelAfter(60_000)]
    public void The_SDK_surfaces_a_CLI_auth_failure_as_a_401(CancellationToken cancellationToken)
    {
        var exception = Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            var gateway = await SharedGatewayAsync();
            await ClientFor(gateway).CreateResponseAsync(ChatRequests.Model, FakeCli.Directives("error 401"), null, cancellationToken);
        });

        Assert.That(exception!.Status, Is.EqualTo(401));
    }

    private static ResponsesClient ClientFor(TestGateway gateway) =>
        new(new ApiKeyCredential("not-needed"),
            new OpenAIClientOptions { Endpoint = new Uri(gateway.BaseUrl, "v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });
}
