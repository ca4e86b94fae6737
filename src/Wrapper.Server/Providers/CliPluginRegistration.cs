using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Providers;

/// <summary>What every <c>AddX()</c> of a CLI folder does: options, provider, descriptor, warm-pool default.</summary>
internal static class CliPluginRegistration
{
    public static IServiceCollection AddCliPlugin<TProvider, TOptions, TValidator>(
        this IServiceCollection services, CliPlugin plugin)
        where TProvider : class, ICliProvider
        where TOptions : CliOptions, new()
        where TValidator : class, IValidateOptions<TOptions>
    {
        CliPluginCatalog.Add(plugin);
        // The flat setting names, as every option, read under the CLI's prefix (CLAUDE_CLI_PATH is CLI_PATH here).
        services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) => new PrefixedConfiguration(configuration, options.SettingsPrefix + "_").Bind(options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton<ICliProvider, TProvider>();
        services.AddSingleton(plugin);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WarmPoolOptions>, WarmPoolPluginDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProviderRegistryCheck>());
        return services;
    }
}
