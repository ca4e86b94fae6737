using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>MODEL_MAP sends fixed model names (Claude Code's small and big models) to any CLI.</summary>
public sealed class ModelMapTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_mapped_id_is_served_by_the_provider_of_its_target(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["MODEL_MAP"] = "claude-haiku-*=gemini-2.5-flash" });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("reply mapped"), model: "claude-haiku-4-5"), cancellationToken);
        var completion = await response.JsonAsync();
        using var debug = await gateway.Client.PostRawAsync(ChatRequests.Body("hi", model: "claude-haiku-4-5").ToJsonString(), "v1/debug/request");
        var plan = await debug.JsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), completion.ToString());
        Assert.That(completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("mapped"));
        Assert.That(completion.GetProperty("model").GetString(), Is.EqualTo("gemini-2.5-flash"), "the answer names the model that served it");
        Assert.That(plan.GetProperty("provider").GetString(), Is.EqualTo("gemini"));
        Assert.That(plan.GetProperty("model").GetString(), Is.EqualTo("claude-haiku-4-5"));
        Assert.That(plan.GetProperty("routed_model").GetString(), Is.EqualTo("gemini-2.5-flash"));
        Assert.That(plan.GetProperty("cli_model").GetString(), Is.EqualTo("gemini-2.5-flash"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_unroutable_id_is_a_404_naming_models_that_exist(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["MODEL_MAP"] = "claude-haiku-*=nothing-serves-this" });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body("hi", model: "claude-haiku-4-5"), cancellationToken);
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("model_not_found"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("nothing-serves-this").And.Contain("gemini-2.5-pro").And.Contain("MODEL_MAP"));
        Assert.That(gateway.LiveSandboxes(), Is.Empty);
    }
}
