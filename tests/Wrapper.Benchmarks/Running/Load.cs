namespace Wrapper.Benchmarks.Running;

/// <summary>Runs an operation a number of times from a fixed number of concurrent workers.</summary>
internal static class Load
{
    /// <summary>Each result in completion order (for timed operations, the milliseconds each took).</summary>
    public static async Task<List<T>> RunAsync<T>(int concurrency, int total, Func<Task<T>> operation)
    {
        var results = new List<T>(total);
        var next = 0;
        async Task WorkerAsync()
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                var result = await operation();
                lock (results) results.Add(result);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        return results;
    }
}
