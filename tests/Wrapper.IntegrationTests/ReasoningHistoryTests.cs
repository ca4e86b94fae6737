using System.Net;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>
/// Clients send an assistant turn's reasoning back in the history, as <c>reasoning_content</c> (Roo Code,
/// Cline) or <c>reasoning</c> (vLLM-style); either is accepted and stays out of the CLI's prompt.
/// </summary>
public sealed class ReasoningHistoryTests : SharedGatewayFixture
{
    [TestCase("reasoning_content")]
    [TestCase("reasoning")]
    [CancelAfter(60_000)]
    public async Task Reasoning_in_an_assistant_message_is_accepted_under_either_name_and_not_sent_to_the_cli(string field, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var body = new JsonObject
        {
            ["model"] = "claude-sonnet-5-5",
            ["messages"] = new JsonArray
            {
                new JsonObject { ["role"] = "user", ["content"] = "First question" },
                new JsonObject { ["role"] = "assistant", ["content"] = "First answer", [field] = "secret-thought-4711" },
                new JsonObject { ["role"] = "user", ["content"] = FakeCli.Directives($"record {gateway.RecordDirectory}") },
            },
        };

        using var response = await gateway.Client.PostAsync(body, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        var prompt = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single()).PromptText;
        Assert.That(prompt, Does.Contain("First answer"));
        Assert.That(prompt, Does.Not.Contain("secret-thought-4711"));
    }
}
