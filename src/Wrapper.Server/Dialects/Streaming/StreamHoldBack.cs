using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Dialects.Streaming;

/// <summary>
/// Holds a stream's 200 back until the CLI says something the client will see, or until the first
/// keepalive is due. A failure in that time (the CLI not logged in, an upstream 429 or 5xx: most
/// come within a second or two) is thrown as a <see cref="GatewayException"/>, so it travels with
/// its own status, <c>Retry-After</c> and OpenAI's error body, and the SDKs raise the
/// status-specific error and retry a 429. Usage reported before the first visible event
/// is kept and written after the role chunk.
/// </summary>
internal static class StreamHoldBack
{
    public static async Task<IReadOnlyList<ProviderEvent>> FirstEventsAsync(EventCursor cursor, TimeSpan keepaliveInterval, TimeProvider time, CancellationToken cancellationToken)
    {
        var held = new List<ProviderEvent>();
        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepaliveDue = Task.Delay(keepaliveInterval, time, stopTimer.Token);
        try
        {
            while (await Task.WhenAny(cursor.Pending, keepaliveDue) == cursor.Pending)
            {
                var providerEvent = await cursor.NextAsync();
                if (providerEvent is TurnFailed failed) throw new GatewayException(failed.Error);
                if (providerEvent is null) break;
                held.Add(providerEvent);
                if (providerEvent is not (UsageReported or ModelReported)) break;
            }
        }
        finally
        {
            await stopTimer.CancelAsync();
        }
        cancellationToken.ThrowIfCancellationRequested();
        return held;
    }
}
