using Wrapper.Server.Providers;

namespace Wrapper.Tests.Providers.FifthCli;

/// <summary>The settings of a made-up fifth CLI: FIFTH_CLI_PATH, FIFTH_MODEL_PREFIX, FIFTH_MODELS, as every CLI has.</summary>
internal sealed record FifthOptions() : CliOptions("FIFTH", "fifth", "fifth-", "fifth-one");
