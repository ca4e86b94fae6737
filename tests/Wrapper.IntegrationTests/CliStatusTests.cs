using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>/v1/models and /v1/auth/status across every provider: installed CLIs only, auth by name only.</summary>
public sealed class CliStatusTests
{
    [Test, CancelAfter(60_000)]
    public async Task Models_of_every_installed_cli_are_listed_and_a_missing_one_is_left_out(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["CLAUDE_CLI_PATH"] = "/nonexistent/claude" });

        var ids = (await (await gateway.Client.GetAsync("/v1/models", cancellationToken)).JsonAsync(cancellationToken)).GetProperty("data").EnumerateArray()
            .Select(m => m.GetProperty("id").GetString()).ToList();

        Assert.That(ids, Does.Contain("gemini-default").And.Contain("gemini-2.5-pro").And.Contain("gemini-2.5-flash-progress"));
        Assert.That(ids, Has.None.StartsWith("claude-"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Auth_status_reports_path_version_and_the_name_of_the_credential_never_its_value(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?>
        {
            ["GEMINI_API_KEY"] = "secret-gemini-value",
            ["CLAUDE_CLI_PATH"] = "/nonexistent/claude",
        });

        using var response = await gateway.Client.GetAsync("/auth/status", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var providers = (await response.JsonAsync(cancellationToken)).GetProperty("providers").EnumerateArray().ToDictionary(p => p.GetProperty("provider").GetString()!);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Not.Contain("secret-gemini-value"));
        var gemini = providers["gemini"];
        Assert.That(gemini.GetProperty("found").GetBoolean(), Is.True);
        Assert.That(gemini.GetProperty("cli_path").GetString(), Is.EqualTo(FakeCli.Path));
        Assert.That(gemini.GetProperty("version").GetString(), Is.Not.Empty);
        Assert.That(gemini.GetProperty("auth").GetString(), Is.EqualTo("GEMINI_API_KEY"));
        Assert.That(providers["claude"].GetProperty("found").GetBoolean(), Is.False);
    }
}
