using System.Text.Json;

namespace Wrapper.EndToEndTests;

/// <summary>
/// The real Claude Code as the client of the gateway's Messages API, answered by each real CLI as the
/// gateway's provider against its fake model API: client → Wrapper → provider CLI → fake model.
/// </summary>
[TestFixtureSource(typeof(ProviderBehindClient), nameof(ProviderBehindClient.Names))]
public sealed class ClaudeCodeClientTests(string provider)
{
    [Test, CancelAfter(240_000)]
    public async Task Claude_Code_pointed_at_the_gateway_prints_the_providers_answer(CancellationToken cancellationToken)
    {
        await using var e2e = await ProviderBehindClient.StartAsync(provider);
        e2e.ReplyText = $"Answer relayed through Wrapper by {provider}";
        var work = Directory.CreateTempSubdirectory("wrapper-e2e-client-work-").FullName;
        try
        {
            var result = await ClaudeCodeClient.RunAsync(e2e.Gateway.BaseUrl, "Say hello.", work, [], cancellationToken);

            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.IsError, Is.False, result.ToString());
            Assert.That(result.Answer, Is.EqualTo($"Answer relayed through Wrapper by {provider}"), result.ToString());
            Assert.That(e2e.ModelsAsked, Has.Some.EqualTo(e2e.Model), "the provider CLI asked for the model the client named, after MODEL_MAP");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Test, CancelAfter(300_000)]
    public async Task The_providers_model_calls_Claude_Codes_Read_tool_and_the_client_runs_it_and_sends_the_result_back(CancellationToken cancellationToken)
    {
        await using var e2e = await ProviderBehindClient.StartAsync(provider);
        var work = Directory.CreateTempSubdirectory("wrapper-e2e-client-work-").FullName;
        try
        {
            var file = Path.Combine(work, "notes.txt");
            await File.WriteAllTextAsync(file, "The secret word is PERIWINKLE-42.\n", cancellationToken);
            // The provider's model asks for the client's Read tool (offered to the provider CLI over MCP);
            // once the file's text reaches it, it answers.
            e2e.CallClientTool("Read", JsonSerializer.Serialize(new { file_path = file }), "PERIWINKLE-42");
            e2e.ReplyText = "The file holds the secret word";

            var result = await ClaudeCodeClient.RunAsync(e2e.Gateway.BaseUrl, "What is in notes.txt?", work, ["--allowedTools", "Read"], cancellationToken);

            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Answer, Is.EqualTo("The file holds the secret word"), result.ToString());
            var calls = e2e.ModelCallBodies;
            var offered = calls.SelectMany(body => e2e.ClientToolsOffered(JsonDocument.Parse(body).RootElement)).ToList();
            Assert.That(offered, Has.Member("Read"), "the client's own Read tool reached the provider's model");
            Assert.That(calls.Any(body => body.Contains("PERIWINKLE-42", StringComparison.Ordinal)), Is.True,
                "the file's text, read by the client Claude Code, came back through the gateway to the provider's model");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
