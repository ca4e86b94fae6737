using System.Runtime.InteropServices;
using Wrapper.FakeCli.Impersonations;
using Wrapper.FakeCli.Input;
using Wrapper.FakeCli.Output;
using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Running;

/// <summary>
/// The process-level behaviours every impersonation shares, in the order tests depend on:
/// signal handling and the grandchild first, then the record (before any stdout, so a test that
/// sees the record knows the process is up), stderr lines, the CLI output, and the exit code.
/// </summary>
internal sealed class FakeRun(IReadOnlyList<string> args, StdinPayload stdin, Script script, IImpersonation impersonation)
{
    private const int RecordFailed = 3;

    public async Task<int> ExecuteAsync()
    {
        // Cancelling SIGTERM leaves SIGKILL as the only way out: the gateway's forceful-kill path.
        using var sigterm = script.IgnoreSigterm
            ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true)
            : null;
        var childPid = script.SpawnEscapingChild ? Grandchild.StartEscaping() : script.SpawnChild ? Grandchild.Start() : (int?)null;
        var cwd = Directory.GetCurrentDirectory();

        if (script.RecordDirectory is { } directory)
        {
            var record = new RunRecord(args, cwd, stdin, ReadSystemPrompt(impersonation.SystemPromptPath(args), cwd), childPid);
            try
            {
                RunRecord.Write(directory, record);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Distinct from a closed stdout (141): the test's record directory is the problem.
                await Console.Error.WriteLineAsync($"fake-cli: cannot write the record in {directory}: {e.Message}");
                return RecordFailed;
            }
        }

        foreach (var line in script.StderrLines) Console.Error.WriteLine(line);

        var stdout = JsonLines.ForStandardOutput();
        var exitCode = script.Replay is { } name
            ? await RecordingPlayer.PlayAsync(name, stdout, script.ChunkDelay)
            : await impersonation.RunAsync(new FakeTurn(args, cwd, stdin, script, stdout, Console.Error));

        // FAKE:exit changes only the code, never the output; a crash keeps its signal-style code.
        return script.ExitCode is { } forced && !script.Crash ? forced : exitCode;
    }

    // A missing file is recorded as null rather than crashing: the test then fails on the record.
    private static string? ReadSystemPrompt(string? path, string cwd) =>
        path is not null && Path.Combine(cwd, path) is var full && File.Exists(full) ? File.ReadAllText(full) : null;
}
