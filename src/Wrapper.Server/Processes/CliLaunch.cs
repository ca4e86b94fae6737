using Wrapper.Server.Providers;

namespace Wrapper.Server.Processes;

/// <summary>
/// What <see cref="CliLauncher"/> needs to start a CLI, so that it never calls into a provider:
/// a name for the logs, the executable to find, how to build the invocation in the new sandbox,
/// and whether stdin stays open after the invocation's input (a process that waits for its request).
/// </summary>
internal sealed record CliLaunch(string Name, CliExecutable Executable, Func<Sandbox, CliInvocation> Build, bool KeepsInputOpen);
