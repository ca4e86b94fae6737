using Wrapper.Server.Configuration;

namespace Wrapper.Server.Completions;

/// <summary>What can end a run early: the request's own token (a client disconnect, or the end of the shutdown grace) and the configured limits.</summary>
internal sealed record RunLimits(ExecutionOptions Options, TimeProvider Time, CancellationToken RequestAborted);
