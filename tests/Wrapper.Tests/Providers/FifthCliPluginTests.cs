using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wrapper.Server.Api;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Warm;
using Wrapper.Tests.Providers.FifthCli;

namespace Wrapper.Tests.Providers;

/// <summary>
/// A fifth CLI declared only in <c>FifthCli/</c> and registered with one call: routed, listed, its key
/// masked and its probe kept out of the real home, without a line changed anywhere else.
/// </summary>
[NonParallelizable]
public sealed class FifthCliPluginTests : SandboxTestBase
{
    private const string Secret = "plainFifthSecretValue42";

    private ServiceProvider Services(string cliPath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FIFTH_CLI_PATH"] = cliPath,
            ["FIFTH_API_KEY"] = Secret,
            ["HOME"] = Directory.CreateDirectory(Path.Combine(Root, "real-home")).FullName,
            ["PATH"] = "/usr/bin:/bin",
            ["SANDBOX_ROOT"] = Path.Combine(Root, "sandboxes"),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddMemoryCache()
            .AddSingleton<ChildEnvironment>().AddSingleton<CliProbe>().AddSingleton<ProviderRegistry>().AddSingleton<ModelCatalog>();
        services.AddOptions<ExecutionOptions>().BindConfiguration("");
        services.AddOptions<WarmPoolOptions>().BindConfiguration("");
        services.AddFifth();
        return services.BuildServiceProvider();
    }

    /// <summary>A stand-in for the CLI: writes into the home it is given, says where, prints a version.</summary>
    private string FakeCli()
    {
        var path = Path.Combine(Root, "fifth");
        File.WriteAllText(path, "#!/bin/sh\nmkdir -p \"$FIFTH_HOME\" && echo probed > \"$FIFTH_HOME/settings.json\"\n" +
            $"echo \"$FIFTH_HOME\" > '{Path.Combine(Root, "probed-home.txt")}'\necho 'fifth 1.2.3'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Test]
    public void Its_models_are_routed_to_it_and_others_are_not()
    {
        using var services = Services("fifth");
        var registry = services.GetRequiredService<ProviderRegistry>();

        Assert.That(registry.ForModel("fifth-large")?.Name, Is.EqualTo("fifth"));
        Assert.That(registry.ForModel("claude-sonnet-5-5"), Is.Null);
        Assert.That(registry.PluginOf(registry.ByName("fifth")!)?.OwnedBy, Is.EqualTo("fifth-cli"));
    }

    [Test]
    public async Task Its_models_are_listed_as_owned_by_it_when_its_cli_is_installed()
    {
        using var services = Services(FakeCli());

        var list = await ModelsEndpoint.ListAsync(services.GetRequiredService<ModelCatalog>());

        Assert.That(list.Data.Select(m => m.Id), Is.EquivalentTo(new[] { "fifth-one", "fifth-one-progress" }));
        Assert.That(list.Data.Select(m => m.OwnedBy), Is.All.EqualTo("fifth-cli"));
    }

    [Test]
    public void Its_declared_key_is_masked_in_log_text()
    {
        using var services = Services("fifth");

        var masked = SecretMasker.FromConfiguration(services.GetRequiredService<IConfiguration>()).Mask("the fifth CLI said " + Secret);

        Assert.That(masked, Is.EqualTo("the fifth CLI said ***"));
    }

    [Test]
    public async Task Its_probe_writes_into_a_scratch_home_that_is_removed_never_into_the_real_home()
    {
        using var services = Services(FakeCli());

        var version = await services.GetRequiredService<CliProbe>().VersionAsync(FakeCli());

        Assert.That(version, Is.EqualTo("fifth 1.2.3"));
        var probedHome = File.ReadAllText(Path.Combine(Root, "probed-home.txt")).Trim();
        Assert.That(probedHome, Does.StartWith(Path.Combine(Root, "sandboxes") + Path.DirectorySeparatorChar));
        Assert.That(Directory.Exists(probedHome), Is.False, "the scratch home is removed with its sandbox");
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(Root, "real-home")), Is.Empty);
    }

    [Test]
    public void It_is_not_warmed_unless_its_plugin_or_the_settings_say_so()
    {
        using var services = Services("fifth");

        var options = services.GetRequiredService<IOptions<WarmPoolOptions>>().Value;

        Assert.That(options.Covers("fifth"), Is.False);
        Assert.That((options with { Providers = "fifth" }).Covers("fifth"), Is.True);
    }
}
