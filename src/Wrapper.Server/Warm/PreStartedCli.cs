using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Warm;

/// <summary>
/// The warm start of a CLI that initialises and then waits on stdin for as long as it stays open
/// (Codex; docs/cli/REPORT.md §6). Gemini CLI and Qwen Code wait only 500 ms for piped input once
/// initialised, so they are not <see cref="IStdinPrompt"/>s and start cold. The process is started with its request's
/// arguments and files, waits on stdin, gets the prompt when the request comes, then EOF, and
/// serves that one request. Requests whose attachments are fixed in argv or files start cold.
/// </summary>
internal sealed class PreStartedCli(ICliProvider provider, IStdinPrompt prompt) : IWarmStartProvider
{
    public bool ReusesProcesses => false;

    public bool CanStartWarm(CompletionRequest request) => request.Images.Count == 0;

    public CliInvocation BuildWarmInvocation(CompletionRequest request, Sandbox sandbox) =>
        provider.BuildInvocation(request, sandbox) with { StandardInput = "" };

    public string TurnInput(CompletionRequest request) => prompt.StandardInputFor(request);

    public string ResetInput => "";

    public bool? ReadResetLine(string line) => false;
}
