using System.Text.Json;

namespace Wrapper.EndToEndTests;

/// <summary>
/// The real Claude Code as the client of the gateway's Messages API, answered by the real Claude Code
/// as the gateway's provider against the fake Anthropic server: client → Wrapper → CLI → fake model.
/// </summary>
public sealed class ClaudeCodeClientTests
{
    [Test, CancelAfter(240_000)]
    public async Task Claude_Code_pointed_at_the_gateway_prints_the_providers_answer(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        claude.Upstream.ReplyText = "Answer relayed through Wrapper";
        var work = Directory.CreateTempSubdirectory("wrapper-e2e-client-work-").FullName;
        try
        {
            var result = await ClaudeCodeClient.RunAsync(claude.Gateway.BaseUrl, "Say hello.", work, [], cancellationToken);

            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.IsError, Is.False, result.ToString());
            Assert.That(result.Answer, Is.EqualTo("Answer relayed through Wrapper"));
            Assert.That(claude.Upstream.Requests.Where(r => r.IsModelCall).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("model").GetString()),
                Has.Some.EqualTo("claude-sonnet-4-5"), "the provider CLI asked for the model the client named");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Test, CancelAfter(240_000)]
    public async Task Claude_Code_runs_on_Gemini_CLI_when_MODEL_MAP_sends_its_models_there(CancellationToken cancellationToken)
    {
        // Claude Code's big and small model names both go to Gemini CLI (against the fake Gemini API).
        await using var gemini = await GeminiGateway.StartAsync(new Dictionary<string, string?> { ["MODEL_MAP"] = "claude-*=gemini-2.5-flash" });
        gemini.Upstream.ReplyText = "Gemini answered Claude Code";
        var work = Directory.CreateTempSubdirectory("wrapper-e2e-client-work-").FullName;
        try
        {
            var result = await ClaudeCodeClient.RunAsync(gemini.Gateway.BaseUrl, "Say hello.", work, [], cancellationToken);

            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Answer, Is.EqualTo("Gemini answered Claude Code"), result.ToString());
            Assert.That(gemini.Upstream.ModelCallCount, Is.GreaterThan(0));
            Assert.That(gemini.Upstream.Requests.Select(r => r.Path), Has.Some.Contains("gemini-2.5-flash"), "the mapped model reached Gemini's API");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Test, CancelAfter(300_000)]
    public async Task The_providers_model_calls_Claude_Codes_Read_tool_and_the_client_runs_it_and_sends_the_result_back(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        var work = Directory.CreateTempSubdirectory("wrapper-e2e-client-work-").FullName;
        try
        {
            var file = Path.Combine(work, "notes.txt");
            await File.WriteAllTextAsync(file, "The secret word is PERIWINKLE-42.\n", cancellationToken);
            // The provider's model asks for the client's Read tool (offered to the provider CLI over MCP);
            // once the file's text reaches it, it answers.
            claude.Upstream.ToolUse = ("mcp__w__Read", JsonSerializer.Serialize(new { file_path = file }));
            claude.Upstream.ToolResultText = "PERIWINKLE-42";
            claude.Upstream.ReplyText = "The file holds the secret word";

            var result = await ClaudeCodeClient.RunAsync(claude.Gateway.BaseUrl, "What is in notes.txt?", work, ["--allowedTools", "Read"], cancellationToken);

            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Answer, Is.EqualTo("The file holds the secret word"), result.ToString());
            var calls = claude.Upstream.Requests.Where(r => r.IsModelCall).ToList();
            var offered = calls.Select(r => JsonDocument.Parse(r.Body).RootElement)
                .Where(b => b.TryGetProperty("tools", out _))
                .SelectMany(b => b.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString())).ToList();
            Assert.That(offered, Has.Member("mcp__w__Read"), "the client's own Read tool reached the provider's model");
            Assert.That(calls.Any(r => r.Body.Contains("PERIWINKLE-42", StringComparison.Ordinal)), Is.True,
                "the file's text, read by the client Claude Code, came back through the gateway to the provider's model");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
