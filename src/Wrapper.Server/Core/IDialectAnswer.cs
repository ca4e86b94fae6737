using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Core;

/// <summary>
/// What an API dialect gives the <see cref="CompletionPipeline"/>: how to render a run's events as
/// its answer (streamed or whole) and how to write an error in its own shape.
/// </summary>
internal interface IDialectAnswer
{
    /// <summary>The dialect's name in logs and the ledger: <c>openai-chat</c>, <c>anthropic-messages</c>, <c>openai-responses</c>.</summary>
    string Dialect { get; }

    /// <summary>The run's events as the dialect's answer; a failure before anything was sent is thrown as a <see cref="GatewayException"/>.</summary>
    Task WriteAsync(HttpContext context, CompletionRun run, CompletionRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The error in the dialect's shape: with its status while nothing was sent, else as the body
    /// (keepalive whitespace of a non-streamed answer already committed a 200).
    /// </summary>
    Task WriteErrorAsync(HttpResponse response, GatewayError error, CancellationToken cancellationToken);
}
