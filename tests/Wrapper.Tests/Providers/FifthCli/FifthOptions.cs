using Microsoft.Extensions.Configuration;

namespace Wrapper.Tests.Providers.FifthCli;

/// <summary>The settings of a made-up fifth CLI, shaped like the real providers' options.</summary>
internal sealed record FifthOptions
{
    [ConfigurationKeyName("FIFTH_CLI_PATH")] public string CliPath { get; init; } = "fifth";

    [ConfigurationKeyName("FIFTH_MODEL_PREFIX")] public string ModelPrefix { get; init; } = "fifth-";
}
