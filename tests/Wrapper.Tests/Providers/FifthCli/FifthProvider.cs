using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Tests.Providers.FifthCli;

/// <summary>A fifth CLI that lives only in this test folder: nothing outside it knows its name.</summary>
internal sealed class FifthProvider(IOptions<FifthOptions> options) : ICliProvider
{
    public const string ProviderName = "fifth";

    public string Name => ProviderName;

    public CliExecutable Executable => new("Fifth CLI", "FIFTH_CLI_PATH", options.Value.CliPath, "none");

    public IReadOnlyList<string> ModelPrefixes => [options.Value.ModelPrefix];

    public bool Serves(string model) => model.StartsWith(options.Value.ModelPrefix, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> Models => [options.Value.ModelPrefix + "one"];

    public CliInvocation BuildInvocation(CompletionRequest request, Sandbox sandbox) => new(["--print"], "prompt");

    public ICliOutputParser CreateParser() => throw new NotSupportedException("These tests never run the fifth CLI for a request.");
}
