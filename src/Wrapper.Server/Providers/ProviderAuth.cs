namespace Wrapper.Server.Providers;

/// <summary>Which credentials a provider's CLI would use, by name only: each provider reports its own.</summary>
internal static class ProviderAuth
{
    public static string Describe(ICliProvider provider) => provider is ICliAuthReporter reporter ? reporter.AuthSource() : "unknown";
}
