using Wrapper.FakeCli.Impersonations;
using Wrapper.FakeCli.Input;
using Wrapper.FakeCli.Running;
using Wrapper.FakeCli.Scripting;

// A stand-in for a coding CLI (claude first) that integration tests run as a real child process.
// It takes its orders from "FAKE:" lines in the prompt on stdin, never from the environment,
// because the gateway passes the child only an allow-listed environment. Directives: Scripting/ScriptParser.cs.
var impersonation = ImpersonationCatalog.Select(args);
if (impersonation.IsVersionRequest(args))
{
    Console.Out.WriteLine(impersonation.Version);
    return 0;
}

try
{
    if (PersistentSession.IsRequested(args)) return await PersistentSession.RunAsync(args, impersonation);

    // Like the real CLI, read the whole prompt first: a gateway that never closes stdin hangs here.
    var stdin = await StdinPayload.ReadAsync();
    var script = ScriptParser.Parse(stdin.PromptText, Console.Error);
    return await new FakeRun(args, stdin, script, impersonation).ExecuteAsync();
}
catch (IOException)
{
    // The reader went away (stdout closed): die like a process killed by SIGPIPE would.
    return 141;
}
