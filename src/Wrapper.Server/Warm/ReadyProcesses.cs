using System.Collections;
using Wrapper.Server.RateLimiting;

namespace Wrapper.Server.Warm;

/// <summary>
/// The processes waiting in the pool. Every change is told to the gate as the count of its key
/// (<see cref="CliConcurrencyGate.SetReady"/>), so a freed slot can go to a waiting request that
/// has a ready process of its own. Changed only under the pool's lock.
/// </summary>
internal sealed class ReadyProcesses(CliConcurrencyGate gate) : IReadOnlyCollection<WarmProcess>
{
    private readonly List<WarmProcess> _processes = [];

    public int Count => _processes.Count;

    public bool Contains(WarmProcess process) => _processes.Contains(process);

    public void Add(WarmProcess process)
    {
        _processes.Add(process);
        Publish(process.Key);
    }

    public bool Remove(WarmProcess process)
    {
        if (!_processes.Remove(process)) return false;
        Publish(process.Key);
        return true;
    }

    public void Clear()
    {
        var keys = _processes.Select(p => p.Key).Distinct().ToList();
        _processes.Clear();
        foreach (var key in keys) Publish(key);
    }

    private void Publish(WarmKey key) => gate.SetReady(key.Affinity, _processes.Count(p => p.Key == key));

    public IEnumerator<WarmProcess> GetEnumerator() => _processes.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
