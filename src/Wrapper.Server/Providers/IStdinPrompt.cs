using Wrapper.Server.Core;

namespace Wrapper.Server.Providers;

/// <summary>
/// A provider whose stdin depends on the conversation alone (everything else of the request is in
/// argv and files, fixed at spawn): its CLI can be started before the request and get the prompt
/// later (<see cref="Warm.PreStartedCli"/>).
/// </summary>
internal interface IStdinPrompt
{
    /// <summary>Exactly what <see cref="ICliProvider.BuildInvocation"/> writes to stdin for this request.</summary>
    string StandardInputFor(CompletionRequest request);
}
