using System.Collections.Concurrent;

namespace Wrapper.Server.Processes;

/// <summary>
/// A few dedicated threads for starting CLIs. A start blocks (sandbox folders and files, fork/exec
/// under .NET's process-start lock, 30-120 ms each when many start at once); done on the thread
/// pool, 100 concurrent starts held every pool thread while the output continuations of the CLIs
/// already running queued behind them, so no stream got its first byte until nearly all had
/// started. Here the pool stays free and starts are served in arrival order.
/// </summary>
internal static class SpawnThreads
{
    private const int Count = 2;

    private static readonly BlockingCollection<Action> Work = Start();

    /// <summary>Runs <paramref name="start"/> on a spawn thread; the caller's thread is free meanwhile.</summary>
    public static Task<T> RunAsync<T>(Func<T> start)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try { result.SetResult(start()); }
            catch (Exception e) { result.SetException(e); }
        });
        return result.Task;
    }

    private static BlockingCollection<Action> Start()
    {
        var work = new BlockingCollection<Action>();
        for (var i = 0; i < Count; i++)
        {
            // Background threads: they never keep the process alive, and the queue lives as long as it.
            new Thread(() => { foreach (var action in work.GetConsumingEnumerable()) action(); })
            {
                IsBackground = true,
                Name = $"cli-spawn-{i}",
            }.Start();
        }
        return work;
    }
}
