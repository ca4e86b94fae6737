namespace Wrapper.Server.RateLimiting;

/// <summary>The gate's leases and its queue entries.</summary>
internal sealed partial class CliConcurrencyGate
{
    /// <summary>A request waiting for a slot; completed (under the gate's lock) with its lease.</summary>
    private sealed class Waiter(string client, string? affinity)
    {
        public string Client => client;
        public string? Affinity => affinity;
        public int Skipped { get; set; } // times a younger waiter got a slot first (under the gate's lock)
        public bool Impatient { get; set; } // waited BusyKeyPatience for its key's busy processes (under the gate's lock)
        public LinkedListNode<Waiter>? Node { get; set; }
        public TaskCompletionSource<IDisposable> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A request's slot: given back exactly once, however the request ended.</summary>
    private sealed class RequestSlot(CliConcurrencyGate gate, string client, string? affinity) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) gate.Release(client, affinity);
        }
    }

    /// <summary>
    /// A warm process's slot; <see cref="Reclaimed"/> once a request took it over (then disposing does
    /// nothing): <see cref="HandOver"/> when that request is of the process's own affinity (it may use
    /// the process), else <see cref="Reclaim"/> (the process is ended).
    /// </summary>
    private sealed class IdleSlot(CliConcurrencyGate gate, Action reclaim, string? affinity, Action handOver, DateTimeOffset since) : IDisposable
    {
        public DateTimeOffset Since => since; // when its process began to wait in it
        public Action Reclaim => reclaim;
        public Action HandOver => handOver;
        public string? Affinity => affinity;
        public LinkedListNode<IdleSlot>? Node { get; set; }
        public bool Reclaimed { get; set; } // read and written under the gate's lock

        public void Dispose() => gate.ReleaseIdle(this);
    }
}
