using Microsoft.Extensions.DependencyInjection;
using Wrapper.Server.Providers;

namespace Wrapper.Tests.Providers.FifthCli;

internal static class FifthRegistration
{
    public static readonly CliPlugin Plugin = new()
    {
        Name = FifthProvider.ProviderName,
        OwnedBy = "fifth-cli",
        PrefixSettings = ["FIFTH_MODEL_PREFIX"],
        SecretVariables = ["FIFTH_API_KEY"],
        ProbeEnvironment = home => new Dictionary<string, string> { ["FIFTH_HOME"] = Path.Combine(home, ".fifth") },
    };

    public static IServiceCollection AddFifth(this IServiceCollection services) =>
        services.AddCliPlugin<FifthProvider, FifthOptions, FifthOptionsValidator>(Plugin);
}
