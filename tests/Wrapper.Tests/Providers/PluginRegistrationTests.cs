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

    [Test]
    public async Task Each_clis_settings_are_read_under_its_own_prefix_and_an_unprefixed_name_reaches_none()
    {
        await using var app = Gateway(new()
        {
            ["CLAUDE_CLI_PATH"] = "/opt/claude", ["CLAUDE_MODELS"] = "claude-a, claude-b",
            ["GEMINI_MODEL"] = "gemini-3-flash", ["QWEN_MODEL_PREFIX"] = "qw-", ["CODEX_ROUTING_PREFIX"] = "cx-",
            ["CLI_PATH"] = "/wrong", ["MODELS"] = "wrong", ["MODEL"] = "wrong",
        });
        var providers = app.Services.GetRequiredService<ProviderRegistry>();

        Assert.That(providers.ByName("claude")!.Executable, Is.EqualTo(new CliExecutable("Claude Code", "CLAUDE_CLI_PATH", "/opt/claude", "npm install -g @anthropic-ai/claude-code@2.1.332")));
        Assert.That(providers.ByName("claude")!.Models, Is.EqualTo(new[] { "claude-a", "claude-b" }));
        Assert.That(providers.ByName("gemini")!.Executable.ConfiguredPath, Is.EqualTo("gemini"));
        Assert.That(providers.ByName("gemini")!.Models, Does.Not.Contain("wrong"));
        Assert.That(providers.ForModel("gemini-default")!.CliModel(new() { Model = "gemini-default", SystemPrompt = null, Messages = [] }), Is.EqualTo("gemini-3-flash"));
        Assert.That(providers.ForModel("qw-max")?.Name, Is.EqualTo("qwen"));
        Assert.That(providers.ForModel("qwen-max"), Is.Null);
        Assert.That(providers.ForModel("cx-gpt-5.1")!.CliModel(new() { Model = "cx-gpt-5.1", SystemPrompt = null, Messages = [] }), Is.EqualTo("gpt-5.1"));
    }

    [Test]
    public async Task An_empty_cli_path_stops_the_gateway_naming_the_setting_with_the_clis_prefix()
    {
        await using var app = Gateway(new() { ["QWEN_CLI_PATH"] = " " });

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.That(error!.Message, Does.Contain("QWEN_CLI_PATH must not be empty").And.Contain("'qwen'"));
    }
}
