namespace Wrapper.Server.Warm;

/// <summary>
/// The pool's side of an idle CLI slot: when a request takes the slot over, the process that waits
/// in it (or the one still starting for it) leaves the pool and is ended; when that request is of
/// the process's own key, the process stays ready for it, without the slot.
/// </summary>
internal sealed class SlotClaim(WarmPool pool)
{
    private readonly Lock _lock = new();
    private WarmProcess? _process;
    private bool _reclaimed;

    /// <summary>Called by the gate (outside its lock) when a request takes the slot.</summary>
    public void Reclaim()
    {
        WarmProcess? process;
        lock (_lock)
        {
            _reclaimed = true;
            process = _process;
        }
        if (process is not null) pool.Evict(process);
    }

    /// <summary>Called by the gate (outside its lock) when a request of this process's key takes the slot.</summary>
    public void HandOver()
    {
        WarmProcess? process;
        lock (_lock)
        {
            _reclaimed = true;
            process = _process;
        }
        if (process is not null) pool.HandedOver(process);
    }

    /// <summary>Ties the slot to its process; false when a request took the slot already.</summary>
    public bool Attach(WarmProcess process)
    {
        lock (_lock)
        {
            if (_reclaimed) return false;
            _process = process;
            return true;
        }
    }
}
