namespace Wrapper.Server.Processes;

/// <summary>What a running process reports, in order (CliWrap's event-stream model).</summary>
internal abstract record CommandEvent;

internal sealed record StandardOutputCommandEvent(string Text) : CommandEvent;

internal sealed record StandardErrorCommandEvent(string Text) : CommandEvent;

/// <summary>Always the last event: the process has exited and both of its output streams are drained.</summary>
internal sealed record ExitedCommandEvent(int ExitCode) : CommandEvent;
