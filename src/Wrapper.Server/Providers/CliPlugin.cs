namespace Wrapper.Server.Providers;

/// <summary>
/// Everything the gateway must know about one CLI outside its provider class, declared once in the
/// CLI's folder (<c>AddClaude()</c> and the like), so adding a CLI is one folder and one line.
/// </summary>
internal sealed record CliPlugin
{
    /// <summary>The provider's name ("claude"), as in <see cref="ICliProvider.Name"/>.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>owned_by</c> of its models in <c>GET /v1/models</c>.</summary>
    public required string OwnedBy { get; init; }

    /// <summary>The settings that hold its model prefixes, for the start-up error when two providers overlap.</summary>
    public required IReadOnlyList<string> PrefixSettings { get; init; }

    /// <summary>Environment variables whose values are secrets: masked in every log line.</summary>
    public IReadOnlyList<string> SecretVariables { get; init; } = [];

    /// <summary>
    /// Variables that point the CLI's home and settings into a scratch directory, so that a probe
    /// (<c>--version</c>, model catalogue) never writes into the user's real home.
    /// </summary>
    public Func<string, IReadOnlyDictionary<string, string>> ProbeEnvironment { get; init; } = _ => new Dictionary<string, string>();

    /// <summary>True when the warm pool serves this CLI unless WARM_POOL_PROVIDERS says otherwise.</summary>
    public bool WarmByDefault { get; init; }
}
