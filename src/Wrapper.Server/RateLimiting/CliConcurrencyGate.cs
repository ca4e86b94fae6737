using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Security;

namespace Wrapper.Server.RateLimiting;

/// <summary>
/// Admission to run a CLI: one client may hold at most its share of the slots (else 429), the
/// gateway runs at most MAX_CONCURRENT_REQUESTS CLIs and queues MAX_QUEUED_REQUESTS more for at
/// most QUEUE_TIMEOUT seconds (else 503). The slot is held until the returned lease is disposed.
/// </summary>
internal sealed class CliConcurrencyGate : IDisposable
{
    private readonly ConcurrencyOptions _options;
    private readonly ClientAddress _clients;
    private readonly ConcurrencyLimiter _slots;
    private readonly PartitionedRateLimiter<string> _perClient;

    public CliConcurrencyGate(IOptions<ConcurrencyOptions> options, ClientAddress clients)
    {
        _options = options.Value;
        _clients = clients;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            { PermitLimit = _options.ResolvedConcurrent, QueueLimit = _options.ResolvedQueued, QueueProcessingOrder = QueueProcessingOrder.OldestFirst });
        var share = _options.ResolvedPerIp;
        _perClient = PartitionedRateLimiter.Create<string, string>(client =>
            RateLimitPartition.GetConcurrencyLimiter(client, _ => new ConcurrencyLimiterOptions { PermitLimit = share, QueueLimit = 0 }));
    }

    /// <summary>
    /// Set by the warm pool: gives up the slot of one waiting warm process (true) so that a request
    /// can have it. Waiting processes count against the limit, but requests come first.
    /// </summary>
    public Func<bool>? ReclaimIdleSlot { get; set; }

    /// <summary>A slot for a warm process to wait in, or null when none is free (never waits).</summary>
    public IDisposable? TryAcquireIdleSlot()
    {
        var lease = _slots.AttemptAcquire(1);
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        return null;
    }

    public async Task<IDisposable> AcquireAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var share = _perClient.AttemptAcquire(_clients.PartitionKey(context));
        if (!share.IsAcquired)
        {
            share.Dispose();
            throw new GatewayException(new GatewayError(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded", "too_many_concurrent_requests",
                $"This client already has {_options.ResolvedPerIp} requests running (MAX_CONCURRENT_PER_IP); wait for one to finish.") { RetryAfterSeconds = 5 });
        }
        try
        {
            var slot = await WaitForSlotAsync(cancellationToken);
            return new Lease(slot, share);
        }
        catch
        {
            share.Dispose();
            throw;
        }
    }

    private async Task<RateLimitLease> WaitForSlotAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var free = _slots.AttemptAcquire(1);
            if (free.IsAcquired) return free;
            free.Dispose();
            if (ReclaimIdleSlot?.Invoke() != true) break;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.QueueTimeoutSeconds));
        RateLimitLease slot;
        try
        {
            slot = await _slots.AcquireAsync(1, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayException(Busy("queue_timeout",
                $"All {_options.ResolvedConcurrent} CLI slots stayed busy for QUEUE_TIMEOUT ({_options.QueueTimeoutSeconds} s); retry later."));
        }
        if (slot.IsAcquired) return slot;
        slot.Dispose();
        throw new GatewayException(Busy("gateway_full",
            $"The gateway is full: {_options.ResolvedConcurrent} CLIs running (MAX_CONCURRENT_REQUESTS) and {_options.ResolvedQueued} requests queued (MAX_QUEUED_REQUESTS); retry later."));
    }

    private GatewayError Busy(string code, string message) =>
        new(StatusCodes.Status503ServiceUnavailable, "service_unavailable", code, message) { RetryAfterSeconds = Math.Min(_options.QueueTimeoutSeconds, 30) };

    public void Dispose()
    {
        _slots.Dispose();
        _perClient.Dispose();
    }

    /// <summary>Gives back the slot and the client's share exactly once, however the request ended.</summary>
    private sealed class Lease(RateLimitLease slot, RateLimitLease share) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            slot.Dispose();
            share.Dispose();
        }
    }
}
