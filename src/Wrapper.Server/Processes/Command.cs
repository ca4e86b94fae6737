namespace Wrapper.Server.Processes;

/// <summary>
/// An immutable description of a CLI process, which <see cref="RunningCommand"/> hands to CliWrap
/// with what every CLI gets: its own process group, stdin as a pipe, the output as line events.
/// Arguments are a list handed to the OS as-is: no shell ever parses them.
/// </summary>
internal sealed record Command(string TargetFilePath)
{
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The child's complete environment: nothing of the parent's is inherited.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Written to the child's stdin, which is then closed (some CLIs wait for EOF).</summary>
    public string StandardInput { get; init; } = "";

    /// <summary>
    /// Stdin stays open for <see cref="RunningCommand.WriteInputAsync"/>: a CLI started before its
    /// request arrives (a warm process) gets its input later, possibly several times.
    /// </summary>
    public bool KeepsStandardInputOpen { get; init; }

    /// <summary>Runs below the gateway's CPU priority (<see cref="ProcessTree.InNewSession"/>).</summary>
    public bool LowerPriority { get; init; }

    public Command WithArguments(IEnumerable<string> arguments) => this with { Arguments = [.. arguments] };
    public Command WithWorkingDirectory(string path) => this with { WorkingDirectory = path };
    public Command WithEnvironment(IReadOnlyDictionary<string, string> environment) => this with { Environment = environment };
    public Command WithStandardInput(string text) => this with { StandardInput = text };
    public Command WithStandardInputOpen() => this with { KeepsStandardInputOpen = true };
    public Command WithLowerPriority() => this with { LowerPriority = true };

    /// <summary>Starts the process; throws <see cref="CommandStartException"/> when it cannot start.</summary>
    public RunningCommand Start() => RunningCommand.Start(this);
}
