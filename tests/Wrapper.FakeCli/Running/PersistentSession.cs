using System.Text;
using Wrapper.FakeCli.Impersonations;
using Wrapper.FakeCli.Impersonations.Claude;
using Wrapper.FakeCli.Input;
using Wrapper.FakeCli.Output;
using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Running;

/// <summary>
/// claude --input-format stream-json with stdin left open: one user message per line, each answered
/// as a turn of its own (FAKE: directives per message), "/clear" answered as the real CLI does, until
/// EOF; "/model" shows and switches the model without a model call. A turn that fails ends the process with its code, as a crash would.
/// </summary>
internal static class PersistentSession
{
    public static bool IsRequested(IReadOnlyList<string> args) =>
        ClaudeOptions.Value(args, "--input-format") == "stream-json";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IImpersonation impersonation)
    {
        using var reader = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        var exitCode = 0;
        var stuckReset = false;
        var model = ClaudeEvents.ResolveModel(ClaudeOptions.Value(args, "--model"));
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0) continue;
            var stdin = StdinPayload.FromBytes(Encoding.UTF8.GetBytes(line + "\n"));
            if (ClaudeEvents.ModelCommand(stdin.PromptText) is { } argument)
            {
                var turn = new FakeTurn(args, Directory.GetCurrentDirectory(), stdin, new Script(), JsonLines.ForStandardOutput(), Console.Error);
                new ClaudeEvents(turn, ClaudeOptions.Parse(args) with { Model = model }).ModelResult(argument);
                if (argument.Length > 0) model = ClaudeEvents.ResolveModel(argument);
                continue;
            }
            if (stdin.PromptText.Trim() == "/clear")
            {
                // A turn that said "stuck-on-reset" leaves its /clear unanswered: a CLI stuck in its reset.
                if (stuckReset) await Task.Delay(Timeout.Infinite);
                var turn = new FakeTurn(args, Directory.GetCurrentDirectory(), stdin, new Script(), JsonLines.ForStandardOutput(), Console.Error);
                new ClaudeEvents(turn, ClaudeOptions.Parse(args)).ClearResult(args.Contains("--disable-slash-commands"));
                continue;
            }
            stuckReset = stdin.PromptText.Contains("stuck-on-reset", StringComparison.Ordinal);
            var script = ScriptParser.Parse(stdin.PromptText, Console.Error);
            exitCode = await new FakeRun(args, stdin, script, impersonation).ExecuteAsync();
            if (exitCode != 0) return exitCode;
        }
        return exitCode;
    }
}
