using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;

namespace Wrapper.Server.Providers;

/// <summary>
/// What every provider takes from its <see cref="CliOptions"/>: where the CLI is, which ids it serves
/// and lists, and which model a requested id means to the CLI. A CLI's provider adds how to run it.
/// </summary>
internal abstract class CliProvider<TOptions>(IOptions<TOptions> options, string displayName, string installCommand) : ICliProvider
    where TOptions : CliOptions
{
    protected TOptions Options { get; } = options.Value;

    public abstract string Name { get; }

    public CliExecutable Executable => new(displayName, Options.Setting("CLI_PATH"), Options.CliPath, installCommand);

    public IReadOnlyList<string> Models => Options.ModelIds;

    public IReadOnlyList<string> ModelPrefixes => Options.ModelPrefixes;

    public bool Serves(string model) => Options.Serves(model);

    public virtual string CliModel(CompletionRequest request) => Options.CliModel(request.CliModel);

    public abstract CliInvocation BuildInvocation(CompletionRequest request, Sandbox sandbox);

    public abstract ICliOutputParser CreateParser();
}
