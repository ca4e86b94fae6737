using System.Threading.Channels;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.Server.Ledger;

/// <summary>
/// Writes ledger rows in batches, off the request path : a request only puts its row in
/// a bounded buffer and never waits. When the database is slow or away, rows wait there and the
/// batch is written again once it answers (rows carry their own id, so a retry never counts twice);
/// a full buffer drops the oldest row rather than hold a request. A shutdown flushes what is left.
/// </summary>
internal sealed partial class LedgerWriter : IHostedService, IDisposable
{
    public const int BatchSize = 500;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShutdownFlush = TimeSpan.FromSeconds(10);
    private readonly ILedgerStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<LedgerWriter> _logger;

    private readonly Channel<LedgerRow> _buffer;
    private readonly CancellationTokenSource _flushDeadline = new();
    private Task _loop = Task.CompletedTask;
    private bool _migrated;
    private long _written;
    private long _added;
    private long _dropped;

    public LedgerWriter(ILedgerStore store, LedgerOptions options, TimeProvider time, ILogger<LedgerWriter> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _buffer = Channel.CreateBounded<LedgerRow>(
            new BoundedChannelOptions(options.BufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Rows written so far (tests and metrics).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Never blocks and never throws: the request is served whatever the database does.</summary>
    public void Add(LedgerRow row)
    {
        if (_buffer.Writer.TryWrite(row)) Interlocked.Increment(ref _added);
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) until the rows added before the call are written or
    /// dropped, so a report read next includes them; false when the database did not take them in time.
    /// </summary>
    public async Task<bool> FlushAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _added);
        var deadline = _time.GetUtcNow() + limit;
        while (Interlocked.Read(ref _written) + Interlocked.Read(ref _dropped) < target)
        {
            if (_time.GetUtcNow() >= deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken);
        }
        return true;
    }

    // Not a BackgroundService: its loop, started on the thread pool with the stopping token, would
    // never run at all if a stop came first, and the rows waiting would be lost.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(WriteLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stopping ends the wait for new rows, not the writing: the loop drains the buffer first.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _buffer.Writer.TryComplete();
        _flushDeadline.CancelAfter(ShutdownFlush);
        // When the host gives up first (its shutdown timeout, short on a loaded machine), the flush stops
        // and the loop logs what it could not write: a stop never fails over the ledger.
        await using var giveUp = cancellationToken.Register(_flushDeadline.Cancel);
        await _loop;
    }

    private async Task WriteLoopAsync()
    {
        var token = _flushDeadline.Token;
        var batch = new List<LedgerRow>(BatchSize);
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(token))
            {
                while (batch.Count < BatchSize && _buffer.Reader.TryRead(out var row)) batch.Add(row);
                await WriteUntilDoneAsync(batch, token);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            LogUnflushed(_logger, batch.Count + _buffer.Reader.Count);
        }
    }

    private async Task WriteUntilDoneAsync(List<LedgerRow> batch, CancellationToken token)
    {
        var wait = FirstRetry;
        while (true)
        {
            try
            {
                if (!_migrated)
                {
                    await _store.MigrateAsync(token);
                    _migrated = true;
                }
                await _store.WriteAsync(batch, token);
                Interlocked.Add(ref _written, batch.Count);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                LogWriteFailed(_logger, batch.Count, wait.TotalSeconds, e.GetType().Name);
                await Task.Delay(wait, _time, token);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }

    public void Dispose() => _flushDeadline.Dispose();

    // The exception's type only: a database message may carry the connection string.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger: {Rows} rows not written yet ({Error}); trying again in {Seconds:0.0} s")]
    private static partial void LogWriteFailed(ILogger logger, int rows, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ledger: {Rows} rows could not be written before shutdown")]
    private static partial void LogUnflushed(ILogger logger, int rows);
}
