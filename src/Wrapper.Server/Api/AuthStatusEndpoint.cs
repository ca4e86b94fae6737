using Microsoft.AspNetCore.Http.HttpResults;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Api;

/// <summary><c>GET /v1/auth/status</c>: per provider, the CLI's path, whether it is installed, its version and its auth.</summary>
internal static class AuthStatusEndpoint
{
    public static async Task<Ok<AuthStatus>> HandleAsync(ProviderRegistry providers, IConfiguration configuration, CliProbe versions, TimeProvider time)
    {
        var entries = await Task.WhenAll(providers.All.Select(async provider =>
        {
            var configured = provider.Executable.ConfiguredPath;
            var path = ExecutableLocator.Find(configured, configuration["PATH"]);
            var version = path is null ? null : await versions.VersionAsync(path);
            var auth = ProviderAuth.Describe(provider);
            // An expiry belongs to a stored login; one shown beside an API key would mislead.
            var expires = auth.StartsWith("oauth login", StringComparison.Ordinal) ? LoginExpiry.For(provider.Name, configuration) : null;
            return new ProviderStatus(provider.Name, path ?? configured, path is not null, version, auth)
            {
                LoginExpiresAt = expires,
                LoginExpired = expires is { } at ? at <= time.GetUtcNow() : null,
                WebSearch = provider.WebSearch,
            };
        }));
        return TypedResults.Ok(new AuthStatus(entries));
    }
}
