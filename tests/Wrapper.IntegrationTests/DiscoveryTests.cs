using System.Net;

namespace Wrapper.IntegrationTests;

public sealed class DiscoveryTests : SharedGatewayFixture
{
    [TestCase("v1/models")]
    [TestCase("models")]
    [CancelAfter(60_000)]
    public async Task Models_lists_the_claude_ids_in_OpenAIs_list_shape(string path, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.GetAsync(path, cancellationToken);
        var json = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("object").GetString(), Is.EqualTo("list"));
        var models = json.GetProperty("data").EnumerateArray().ToList();
        Assert.That(models.Select(m => m.GetProperty("id").GetString()), Does.Contain("claude-sonnet-5-5").And.Contain("claude-opus-5-5").And.Contain("claude-opus").And.Contain("claude-haiku"), "the current models and the aliases that follow the CLI");
        Assert.That(models.Select(m => m.GetProperty("object").GetString()), Is.All.EqualTo("model"));
        Assert.That(models.Where(m => m.GetProperty("id").GetString()!.StartsWith("claude-")).Select(m => m.GetProperty("owned_by").GetString()), Is.All.EqualTo("claude-code"));
        Assert.That(models.All(m => m.GetProperty("created").GetInt64() > 0));
    }

    [Test, CancelAfter(60_000)]
    public async Task Models_leaves_out_a_CLI_that_is_not_installed(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["CLAUDE_CLI_PATH"] = "/nonexistent/claude" });

        var json = await (await gateway.Client.GetAsync("v1/models", cancellationToken)).JsonAsync(cancellationToken);

        Assert.That(json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()), Has.None.StartsWith("claude-"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Health_says_healthy(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.GetAsync("health", cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("{\"status\":\"healthy\"}"));
    }
}
