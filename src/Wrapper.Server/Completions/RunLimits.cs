using Wrapper.Server.Configuration;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Completions;

/// <summary>
/// What can end a run early: the request's own token (a client disconnect, or the end of the shutdown
/// grace), the configured limits, and the provider's watch on the CLI (<see cref="ICliFailureWatch"/>).
/// </summary>
internal sealed record RunLimits(ExecutionOptions Options, TimeProvider Time, CancellationToken RequestAborted, ICliFailureWatch? FailureWatch = null);
