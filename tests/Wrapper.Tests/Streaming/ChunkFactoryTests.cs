using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using Wrapper.Server.Dialects.OpenAiChat;
using System.Text.Json;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Providers;
using Wrapper.Server.Core;

namespace Wrapper.Tests.Streaming;

/// <summary>The chunks' JSON, as the clients' parsers read it (docs/clients/REPORT.md §2.1).</summary>
public sealed class ChunkFactoryTests
{
    private readonly ChunkFactory _chunks = new("claude-sonnet-4-5", TimeProvider.System);

    [Test]
    public void The_role_chunk_has_role_empty_content_and_a_null_finish_reason()
    {
        var json = Serialize(_chunks.Role());

        Assert.That(json, Does.StartWith($"{{\"id\":\"{_chunks.Id}\",\"created\":{_chunks.Created},\"model\":\"claude-sonnet-4-5\","));
        Assert.That(json, Does.Contain("\"object\":\"chat.completion.chunk\""));
        Assert.That(json, Does.Contain("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]"));
        Assert.That(json, Does.Not.Contain("usage"));
    }

    [Test]
    public void A_content_chunk_carries_only_the_text_unescaped()
    {
        var json = Serialize(_chunks.Content("<b> & \"q\""));

        Assert.That(json, Does.Contain("\"delta\":{\"content\":\"<b> & \\\"q\\\"\"}"));
    }

    [Test]
    public void Reasoning_goes_in_reasoning_content_and_in_reasoning()
    {
        Assert.That(Serialize(_chunks.Reasoning("hmm")), Does.Contain("\"delta\":{\"reasoning_content\":\"hmm\",\"reasoning\":\"hmm\"}"));
    }

    [Test]
    public void The_finish_chunk_has_an_empty_delta()
    {
        Assert.That(Serialize(_chunks.Finish(FinishReason.Length)), Does.Contain("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]"));
    }

    [Test]
    public void The_usage_chunk_has_empty_choices_and_every_usage_field()
    {
        var json = JsonDocument.Parse(Serialize(_chunks.Usage(new TokenUsage(10, 5, CacheReadTokens: 30, CacheCreationTokens: 2)))).RootElement;

        Assert.That(json.GetProperty("choices").GetArrayLength(), Is.Zero);
        var usage = json.GetProperty("usage");
        Assert.That(usage.GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(42));
        Assert.That(usage.GetProperty("completion_tokens").GetInt32(), Is.EqualTo(5));
        Assert.That(usage.GetProperty("total_tokens").GetInt32(), Is.EqualTo(47));
        Assert.That(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), Is.EqualTo(30));
        Assert.That(usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32(), Is.Zero);
        Assert.That(usage.GetProperty("cache_read_input_tokens").GetInt32(), Is.EqualTo(30));
        Assert.That(usage.GetProperty("cache_creation_input_tokens").GetInt32(), Is.EqualTo(2));
    }

    private static string Serialize(ChatCompletionChunk chunk) => JsonSerializer.Serialize(chunk, WrapperJson.Context.ChatCompletionChunk);
}
