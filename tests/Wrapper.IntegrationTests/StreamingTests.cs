using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>Streams follow OpenAI's chunk protocol and forward text as the CLI writes it.</summary>
public sealed class StreamingTests : SharedGatewayFixture
{
    [Test, CancelAfter(60_000)]
    public async Task A_stream_is_role_chunk_then_deltas_then_one_finish_then_usage_then_done(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("reply One two three four", "usage in=20 out=4 cache_read=5"), stream: true, includeUsage: true), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(events.Where(e => !e.IsComment && e.Json is null && !e.IsDone), Is.Empty, "only data: lines and comments");
        Assert.That(events[^1].IsDone, Is.True, "data: [DONE] ends the stream");
        var chunks = events.Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();
        Assert.That(chunks.Select(c => c.GetProperty("object").GetString()), Is.All.EqualTo("chat.completion.chunk"));
        Assert.That(chunks.Select(c => c.GetProperty("id").GetString()).Distinct().Count(), Is.EqualTo(1));
        Assert.That(chunks.Select(c => c.GetProperty("model").GetString()), Is.All.EqualTo(ChatRequests.Model));
        Assert.That(chunks.All(c => c.GetProperty("choices").ValueKind == System.Text.Json.JsonValueKind.Array), "every chunk has a choices array");

        Assert.That(chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString(), Is.EqualTo("assistant"));
        var withChoices = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).ToList();
        var contents = withChoices.Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString()).ToList();
        Assert.That(string.Concat(contents), Is.EqualTo("One two three four"));
        Assert.That(contents.Count(c => c!.Length > 0), Is.GreaterThan(1), "token deltas, not one block at the end");
        var finishes = withChoices.Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason"))
            .Where(f => f.ValueKind != System.Text.Json.JsonValueKind.Null).ToList();
        Assert.That(finishes.Select(f => f.GetString()), Is.EqualTo(new[] { "stop" }));

        var usageChunk = chunks[^1];
        Assert.That(usageChunk.GetProperty("choices").GetArrayLength(), Is.EqualTo(0));
        Assert.That(usageChunk.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(25));
        Assert.That(usageChunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), Is.EqualTo(4));
        Assert.That(usageChunk.GetProperty("usage").GetProperty("total_tokens").GetInt32(), Is.EqualTo(29));
        Assert.That(usageChunk.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(5));
    }

    [Test, CancelAfter(60_000)]
    public async Task Without_include_usage_no_usage_chunk_is_sent(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply Hi"), stream: true), cancellationToken);
        var chunks = (await ServerSentEvents.ReadAllAsync(response, cancellationToken)).Where(e => e.Json is not null).Select(e => e.Json!.Value).ToList();

        Assert.That(chunks.Any(c => c.TryGetProperty("usage", out _)), Is.False);
        Assert.That(chunks.All(c => c.GetProperty("choices").GetArrayLength() == 1));
    }

    [Test, CancelAfter(60_000)]
    public async Task Text_is_forwarded_while_the_CLI_is_still_writing(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("reply first second third", "chunk-delay 1500", $"record {gateway.RecordDirectory}"), stream: true), cancellationToken);
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in ServerSentEvents.ReadAsync(body))
        {
            var delta = item.Json?.GetProperty("choices")[0].GetProperty("delta");
            if (delta?.TryGetProperty("content", out var content) == true && content.GetString() is { Length: > 0 })
            {
                Assert.That(content.GetString(), Does.StartWith("first").And.Not.Contain("third"));
                Assert.That(Processes.IsAlive(record.Pid), Is.True, "the first word arrived before the CLI finished");
                return;
            }
        }
        Assert.Fail("no content arrived");
    }
}
