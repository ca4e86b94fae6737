using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Dialects.Streaming;

/// <summary>A dialect's rendering of one stream's events as SSE, for <see cref="HeldBackStream"/>.</summary>
internal interface IStreamRenderer
{
    /// <summary>The dialect's keepalive frame, or null for a <c>: keepalive</c> comment.</summary>
    byte[]? KeepaliveFrame { get; }

    /// <summary>True once the dialect wrote its last event (its completion or its error).</summary>
    bool Ended { get; }

    /// <summary>The tokens the run reported, for the request log.</summary>
    int? TotalTokens { get; }

    /// <summary>
    /// True for a <c>-progress</c> stream (README, "Progress markers"): it is not held back, its opening
    /// events carry <see cref="ProgressMarkers.First"/>, and <see cref="WriteProgressAsync"/> adds the next
    /// markers until <see cref="AnswerStarted"/>. A dialect without markers keeps these defaults.
    /// </summary>
    bool ShowsProgress => false;

    /// <summary>True once answer text, reasoning or a tool call was written: no marker follows.</summary>
    bool AnswerStarted => true;

    /// <summary>One progress marker, as the dialect shows text.</summary>
    Task WriteProgressAsync(SseWriter sse, string marker, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This stream shows no progress markers.");

    /// <summary>The stream's opening events, then the events held back while the 200 waited.</summary>
    Task BeginAsync(SseWriter sse, IReadOnlyList<ProviderEvent> held, CancellationToken cancellationToken);

    Task WriteAsync(SseWriter sse, ProviderEvent providerEvent, CancellationToken cancellationToken);

    /// <summary>The stream's last event when it breaks after the 200 (shutdown, a gateway fault).</summary>
    Task WriteErrorAsync(SseWriter sse, GatewayError error, CancellationToken cancellationToken);
}
