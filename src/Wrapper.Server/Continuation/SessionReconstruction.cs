using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Continuation;

/// <summary>
/// The way to native history when no held process can continue a conversation (a restart, another
/// instance, a held process gone): the provider writes the earlier turns in its CLI's session format
/// and a new process resumes them. Such a turn starts cold: a ready process cannot be given a session
/// after its start.
/// </summary>
internal sealed class SessionReconstruction(CliLauncher launcher, IOptions<ExecutionOptions> execution)
{
    /// <summary>A lease on a process that resumes the request's earlier turns; null when the provider cannot or there are none.</summary>
    public async Task<ICliLease?> TryLeaseAsync(ICliProvider provider, CompletionRequest request)
    {
        if (provider is not IResumableProvider resumable || !resumable.HasHistory(request)) return null;
        var launch = new CliLaunch(provider.Name, provider.Executable, sandbox => resumable.BuildResumedInvocation(request, sandbox), KeepsInputOpen: false);
        var (process, invocation) = await launcher.LaunchAsync(launch);
        return new ColdCliLease(process, invocation, execution.Value.KillGracePeriod, HistoryMode.Reconstructed);
    }
}
