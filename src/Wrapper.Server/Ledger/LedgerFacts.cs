using System.Diagnostics;
using Wrapper.Server.Core;

namespace Wrapper.Server.Ledger;

/// <summary>
/// What the ledger learns about one request while it runs, kept in <c>HttpContext.Items</c>: who sent
/// it (the key check), which dialect served it (the dialect's endpoint), and what the CLI did (every
/// event of the run, through <see cref="IRunObserver"/>). Facts only: never prompt or answer text.
/// </summary>
internal sealed class LedgerFacts : IRunObserver
{
    private const string ItemKey = "wrapper.ledger_facts";
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _toolCalls;

    /// <summary>The key's name: "admin" for API_KEY, a client key's name, null on an open gateway.</summary>
    public string? KeyId { get; set; }

    /// <summary>The API dialect that served the request ("openai-chat"), set by its endpoint; null for the gateway's own routes.</summary>
    public string? Dialect { get; set; }

    /// <summary>The model the CLI reported serving the request, else the model the gateway asked for.</summary>
    public string? CliModel { get; set; }

    /// <summary>The error code the dialect answered with, where it knows a more precise one than the status.</summary>
    public string? ErrorCode { get; set; }

    public TokenUsage? Usage { get; private set; }
    public double? TimeToFirstTokenMs { get; private set; }
    public int ToolCalls => Volatile.Read(ref _toolCalls);

    /// <summary>The request's hold on its key's budget, settled once its row is counted.</summary>
    public IDisposable? Admission { get; set; }

    public static LedgerFacts Of(HttpContext context)
    {
        if (context.Items[ItemKey] is LedgerFacts facts) return facts;
        facts = new LedgerFacts();
        context.Items[ItemKey] = facts;
        return facts;
    }

    public void Saw(ProviderEvent providerEvent)
    {
        switch (providerEvent)
        {
            case TextDelta or ReasoningDelta when TimeToFirstTokenMs is null:
                TimeToFirstTokenMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
                break;
            case ToolCallReady:
                TimeToFirstTokenMs ??= Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
                Interlocked.Increment(ref _toolCalls);
                break;
            case ModelReported reported:
                CliModel = reported.Model;
                break;
            case UsageReported reported:
                Usage = reported.Usage;
                break;
        }
    }
}
