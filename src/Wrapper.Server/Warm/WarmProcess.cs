using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Warm;

/// <summary>
/// A CLI process started for one <see cref="WarmKey"/>, with stdin open. While it waits in the pool
/// it is watched: a process that exits or prints anything before it is handed a request is broken
/// and is thrown away rather than given one.
/// </summary>
internal sealed class WarmProcess(WarmKey key, ICliProvider provider, IWarmStartProvider warm, CompletionRequest template, CliProcess process, CliInvocation invocation)
{
    private CancellationTokenSource? _watch;
    private Task _watching = Task.CompletedTask;
    private IDisposable? _slot;

    public WarmKey Key => key;
    public ICliProvider Provider => provider;
    public IWarmStartProvider Warm => warm;

    /// <summary>A request of this key, for starting a replacement (only its spawn-fixed fields matter).</summary>
    public CompletionRequest Template => template;

    public CliProcess Process => process;
    public CliInvocation Invocation => invocation;

    /// <summary>
    /// True when the process was given the client's tools over MCP but never read them (its MCP
    /// connection failed): it answers without tools, so it may not serve another request.
    /// </summary>
    public bool LostTools => invocation.ToolSession is { ToolsListed: false };

    /// <summary>Requests served so far.</summary>
    public int Uses { get; set; }

    /// <summary>True from its lending to a request until that request gives it back (read and written under the pool's lock).</summary>
    public bool Lent { get; set; }

    /// <summary>Whether the request it serves now is its last (decided when it was lent; its stdin is closed after the input).</summary>
    public bool LastUse { get; set; }

    /// <summary>Whether a replacement was started when it was lent (it was not expected back).</summary>
    public bool Replaced { get; set; }

    public DateTimeOffset IdleSince { get; private set; }

    /// <summary>Waits in the pool holding one CLI slot (or none, for a moment); <paramref name="broken"/> is called if it misbehaves.</summary>
    public void StartWaiting(IDisposable? slot, DateTimeOffset now, Action<WarmProcess> broken)
    {
        _slot = slot;
        IdleSince = now;
        _watch = new CancellationTokenSource();
        _watching = WatchAsync(_watch.Token, broken);
    }

    /// <summary>Leaves the pool: stops watching (no output is lost) and gives back the slot.</summary>
    public async Task StopWaitingAsync()
    {
        if (_watch is { } watch)
        {
            await watch.CancelAsync();
            await _watching;
            watch.Dispose();
            _watch = null;
        }
        ReleaseSlot();
    }

    /// <summary>True while it holds a CLI slot.</summary>
    public bool HasSlot => Volatile.Read(ref _slot) is not null;

    /// <summary>Gives a slotless waiting process its slot.</summary>
    public void Hold(IDisposable slot) => Interlocked.Exchange(ref _slot, slot)?.Dispose();

    /// <summary>Lets go of the slot without giving it back: the gate passed it to a request of this key.</summary>
    public void DropSlot() => Interlocked.Exchange(ref _slot, null);

    /// <summary>Gives back the CLI slot at once (the process is being ended for a request that needs it).</summary>
    public void ReleaseSlot() => Interlocked.Exchange(ref _slot, null)?.Dispose();

    private async Task WatchAsync(CancellationToken token, Action<WarmProcess> broken)
    {
        try
        {
            await foreach (var commandEvent in process.Command.ReadEventsAsync(token))
            {
                if (commandEvent is StandardErrorCommandEvent) continue; // start-up noise on stderr is harmless
                broken(this);
                return;
            }
            broken(this); // the output ended: the process is gone
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // taken from the pool: the request reads from here on
        }
        catch (Exception)
        {
            broken(this);
        }
    }
}
