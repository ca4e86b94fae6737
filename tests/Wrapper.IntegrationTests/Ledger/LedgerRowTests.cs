using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests.Ledger;

/// <summary>What a request's ledger row holds: who, which dialect and CLI model, tokens by kind, timings, tool calls, how the CLI started.</summary>
public sealed class LedgerRowTests
{
    [Test, CancelAfter(60_000)]
    public async Task A_served_request_has_its_facts_in_its_row_and_no_text(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var key = await gateway.CreateKeyAsync("alice", cancellationToken);

        (await gateway.ChatAsync(key, cancellationToken, "in=100 out=7 cache_read=40 cache_creation=10", more: "thinking secret-plan-words")).Dispose();
        var row = (await LedgerFile.RowsAsync(gateway, 1, cancellationToken)).Single();

        Assert.That(row.KeyId, Is.EqualTo("alice"));
        Assert.That(row.ClientIp, Is.EqualTo("127.0.0.1"));
        Assert.That(row.Dialect, Is.EqualTo("openai-chat"));
        Assert.That(row.Route, Is.EqualTo("/v1/chat/completions"));
        Assert.That((row.RequestedModel, row.Provider, row.CliModel), Is.EqualTo(("claude-sonnet-4-5", "claude", "claude-sonnet-4-5")));
        Assert.That((row.Status, row.ErrorCode), Is.EqualTo((200, (string?)null)));
        Assert.That((row.PromptTokens, row.CompletionTokens, row.CacheReadTokens, row.CacheWriteTokens, row.TotalTokens), Is.EqualTo((150, 7, 40, 10, 157)));
        Assert.That(row.TimeToFirstTokenMs, Is.GreaterThan(0).And.LessThanOrEqualTo(row.DurationMs));
        Assert.That(row.CliStart, Is.EqualTo("cold"));
        Assert.That(row.Admitted, Is.True);
        var file = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Path.Combine(gateway.Scratch, "data", "ledger.db"), cancellationToken));
        Assert.That(file, Does.Not.Contain("secret-plan-words").And.Not.Contain("FAKE:reply"), "neither the prompt nor the answer is stored");
    }

    [Test, CancelAfter(60_000)]
    public async Task Tool_calls_are_counted_and_refusals_keep_their_code(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var body = JsonNode.Parse("""
            {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"x"}],
             "tools":[{"type":"function","function":{"name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}},
                      {"type":"function","function":{"name":"list_files","parameters":{"type":"object","properties":{}}}}]}
            """)!;
        body["messages"]![0]!["content"] = FakeCli.Directives("tool mcp__w__read_file {\"path\":\"a.txt\"}", "tool mcp__w__list_files {}");

        (await gateway.SendAsync(KeyedGateway.AdminKey, HttpMethod.Post, "v1/chat/completions", body, cancellationToken)).Dispose();
        (await gateway.ChatAsync(KeyedGateway.AdminKey, cancellationToken, model: "no-such-model")).Dispose();
        (await gateway.ChatAsync("sk-wr-not-a-key", cancellationToken)).Dispose();
        var rows = await LedgerFile.RowsAsync(gateway, 3, cancellationToken);

        Assert.That((rows[0].KeyId, rows[0].ToolCalls), Is.EqualTo(("admin", 2)));
        Assert.That((rows[1].Status, rows[1].ErrorCode, rows[1].Dialect), Is.EqualTo((404, "model_not_found", "openai-chat")));
        Assert.That((rows[2].KeyId, rows[2].Status, rows[2].ErrorCode, rows[2].Dialect), Is.EqualTo(((string?)null, 401, "invalid_api_key", "gateway")));
    }
}
