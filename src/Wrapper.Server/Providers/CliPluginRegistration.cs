using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Providers;

/// <summary>What every <c>AddX()</c> of a CLI folder does: options, provider, descriptor, warm-pool default.</summary>
internal static class CliPluginRegistration
{
    public static IServiceCollection AddCliPlugin<TProvider, TOptions, TValidator>(
        this IServiceCollection services, CliPlugin plugin)
        where TProvider : class, ICliProvider
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        CliPluginCatalog.Add(plugin);
        services.AddOptions<TOptions>().BindConfiguration("").ValidateOnStart(); // the flat setting names, as every option
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton<ICliProvider, TProvider>();
        services.AddSingleton(plugin);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WarmPoolOptions>, WarmPoolPluginDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProviderRegistryCheck>());
        return services;
    }
}
