namespace Wrapper.Benchmarks.Running;

/// <summary>How much each section measures: the full run, or <c>--quick</c> (under a minute, same figures from fewer samples).</summary>
internal sealed record BenchmarkPlan
{
    public required bool Quick { get; init; }

    /// <summary>Requests per side (direct and gateway) at each concurrency: this many rounds times the concurrency.</summary>
    public required int OverheadRounds { get; init; }

    /// <summary>Requests that warm the gateway's JIT up before the overhead rounds that count.</summary>
    public required int OverheadWarmUp { get; init; }
    public IReadOnlyList<int> OverheadConcurrency { get; } = [1, 8, 32];

    public required int FirstTokenRuns { get; init; }

    public required int Streams { get; init; }
    public required TimeSpan Hold { get; init; }

    public required int ThroughputBatches { get; init; }
    public required int ThroughputBatchSize { get; init; }
    public int ThroughputConcurrency { get; } = 8;

    public required int MemoryFirstCount { get; init; }
    public required int MemorySecondCount { get; init; }

    /// <summary>Turns of the agent-like loop (the first is cold everywhere; turns 2.. are measured).</summary>
    public required int WarmTurns { get; init; }
    public required int WarmThroughputRequests { get; init; }
    public int WarmClients { get; } = 4;

    public static BenchmarkPlan Full { get; } = new()
    {
        Quick = false,
        OverheadRounds = 40,
        OverheadWarmUp = 40,
        FirstTokenRuns = 10,
        Streams = 200,
        Hold = TimeSpan.FromSeconds(30),
        ThroughputBatches = 5,
        ThroughputBatchSize = 100,
        MemoryFirstCount = 1_000,
        MemorySecondCount = 10_000,
        WarmTurns = 10,
        WarmThroughputRequests = 100,
    };

    public static BenchmarkPlan QuickRun { get; } = new()
    {
        Quick = true,
        OverheadRounds = 1,
        OverheadWarmUp = 12,
        FirstTokenRuns = 2,
        Streams = 20,
        Hold = TimeSpan.FromSeconds(2),
        ThroughputBatches = 2,
        ThroughputBatchSize = 8,
        MemoryFirstCount = 30,
        MemorySecondCount = 60,
        WarmTurns = 2,
        WarmThroughputRequests = 12,
    };
}
