namespace Wrapper.Server.Providers;

/// <summary>
/// Builds the registry when the host starts, so a duplicate name or overlapping model prefixes stop
/// the gateway at start with their message instead of failing the first request.
/// </summary>
internal sealed class ProviderRegistryCheck(ProviderRegistry registry) : IHostedService
{
    // Constructing this service built the registry; nothing is left to do.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ProviderRegistry Registry => registry;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
