namespace Wrapper.Server.RateLimiting;

/// <summary>The gate's leases and its queue entries.</summary>
internal sealed partial class CliConcurrencyGate
{
    /// <summary>A request waiting for a slot; completed (under the gate's lock) with its lease.</summary>
    private sealed class Waiter(string client)
    {
        public string Client => client;
        public LinkedListNode<Waiter>? Node { get; set; }
        public TaskCompletionSource<IDisposable> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A request's slot: given back exactly once, however the request ended.</summary>
    private sealed class RequestSlot(CliConcurrencyGate gate, string client) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) gate.Release(client);
        }
    }

    /// <summary>A warm process's slot; <see cref="Reclaimed"/> once a request took it over (then disposing does nothing).</summary>
    private sealed class IdleSlot(CliConcurrencyGate gate, Action reclaim) : IDisposable
    {
        public Action Reclaim => reclaim;
        public LinkedListNode<IdleSlot>? Node { get; set; }
        public bool Reclaimed { get; set; } // read and written under the gate's lock

        public void Dispose() => gate.ReleaseIdle(this);
    }
}
