using Wrapper.Server.Core;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Dialects.Streaming;

/// <summary>
/// A run's events with the next one always requested, so a caller can wait for it with a timer
/// (hold-back, progress markers) without ever starting a second MoveNext while one is in flight.
/// </summary>
internal sealed class EventCursor(IAsyncEnumerator<ProviderEvent> events)
{
    /// <summary>The read in flight: true when an event came, false when the events ended.</summary>
    public Task<bool> Pending { get; private set; } = events.MoveNextAsync().AsTask();

    /// <summary>The next event, or null when there are no more; the read after it starts at once.</summary>
    public async Task<ProviderEvent?> NextAsync()
    {
        if (!await Pending) return null;
        var current = events.Current;
        Pending = events.MoveNextAsync().AsTask();
        return current;
    }
}
