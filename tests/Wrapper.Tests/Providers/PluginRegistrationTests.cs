using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wrapper.Server.Hosting;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Warm;

namespace Wrapper.Tests.Providers;

/// <summary>What the four real plug-ins declare, read from the gateway as it is composed.</summary>
public sealed class PluginRegistrationTests : SandboxTestBase
{
    private WebApplication Gateway(Dictionary<string, string?> settings)
    {
        settings["API_KEY"] = "";
        settings["HOST"] = "127.0.0.1";
        settings["PORT"] = "0";
        settings["SANDBOX_ROOT"] = Path.Combine(Root, "sandboxes");
        return WrapperApp.Create([], configuration => configuration.AddInMemoryCollection(settings));
    }

    [Test]
    public async Task The_four_clis_are_registered_as_plugins_and_those_with_a_warm_start_are_warmed_by_default()
    {
        await using var app = Gateway(new() { ["WARM_POOL_PROVIDERS"] = "" });

        var names = app.Services.GetServices<CliPlugin>().Select(p => p.Name);
        var warm = app.Services.GetRequiredService<IOptions<WarmPoolOptions>>().Value;

        Assert.That(names, Is.EquivalentTo(new[] { "claude", "gemini", "qwen", "codex" }));
        Assert.That(names.Where(warm.Covers), Is.EquivalentTo(new[] { "claude", "codex" }), "Gemini CLI and Qwen Code stop waiting for stdin after 500 ms");
        Assert.That(warm.Covers("fifth"), Is.False);
    }

    [Test]
    public async Task Overlapping_model_prefixes_stop_the_gateway_at_start_naming_both_providers_and_settings()
    {
        await using var app = Gateway(new() { ["CODEX_MODEL_PREFIX"] = "claude-opus" });

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.That(error!.Message, Does.Contain("'claude'").And.Contain("'codex'")
            .And.Contain("CLAUDE_MODEL_PREFIX").And.Contain("CODEX_MODEL_PREFIX").And.Contain("overlap"));
    }

    [Test]
    public async Task Every_plugins_probe_environment_points_only_into_the_scratch_sandbox()
    {
        await using var app = Gateway([]);
        using var sandbox = Sandbox.Create(Root);

        var environment = CliProbe.ProbeEnvironment(app.Services.GetServices<CliPlugin>(), sandbox);

        Assert.That(environment.Keys, Is.SupersetOf(new[] { "CLAUDE_CONFIG_DIR", "GEMINI_CLI_HOME", "QWEN_HOME", "CODEX_HOME", "TMPDIR" }));
        Assert.That(environment.Values.Where(Path.IsPathRooted), Is.All.StartWith(sandbox.Root));
    }
}
