using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Tests.Providers.FifthCli;

/// <summary>A fifth CLI that lives only in this test folder: nothing outside it knows its name.</summary>
internal sealed class FifthProvider(IOptions<FifthOptions> options) : CliProvider<FifthOptions>(options, "Fifth CLI", "none")
{
    public const string ProviderName = "fifth";

    public override string Name => ProviderName;

    public override CliInvocation BuildInvocation(CompletionRequest request, Sandbox sandbox) => new(["--print"], "prompt");

    public override ICliOutputParser CreateParser() => throw new NotSupportedException("These tests never run the fifth CLI for a request.");
}
