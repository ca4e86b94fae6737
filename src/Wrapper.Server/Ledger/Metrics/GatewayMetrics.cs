using System.Diagnostics.Metrics;
using Wrapper.Server.RateLimiting;

namespace Wrapper.Server.Ledger.Metrics;

/// <summary>
/// The gateway's Prometheus metrics (meter "Wrapper", served at <c>/metrics</c>), recorded from the
/// same finished-request facts as the ledger, so the two always agree.
/// </summary>
internal sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Wrapper";

    // Seconds: a quick refusal takes milliseconds, a CLI's answer seconds, an agent's turn minutes.
    private static readonly double[] SecondsBuckets = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300, 600];

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _firstToken;

    public GatewayMetrics(CliProcessGauges processes, CliConcurrencyGate gate)
    {
        _requests = _meter.CreateCounter<long>("wrapper.requests", description: "Requests by route, dialect, provider and status.");
        _errors = _meter.CreateCounter<long>("wrapper.request.errors", description: "Requests answered with an error status, by route, dialect, provider, status and code.");
        _tokens = _meter.CreateCounter<long>("wrapper.tokens", description: "Tokens the CLIs reported, by kind (prompt, completion, cache_read, cache_write, reasoning), provider and key.");
        _duration = _meter.CreateHistogram("wrapper.request.duration", "s", "Request duration.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _firstToken = _meter.CreateHistogram("wrapper.time_to_first_token", "s", "Time from the request to the CLI's first answer token or tool call.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _meter.CreateObservableGauge("wrapper.cli.processes", processes.Read, description: "CLI processes by state: running a request, warm (started, waiting for one), held between turns.");
        _meter.CreateObservableGauge("wrapper.queue.length", () => (long)gate.Queued, description: "Requests waiting for a CLI slot.");
    }

    public void Record(LedgerRow row)
    {
        var provider = row.Provider ?? "none";
        var status = row.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _requests.Add(1, new("route", row.Route), new("dialect", row.Dialect), new("provider", provider), new("status", status));
        if (row.Status >= 400)
            _errors.Add(1, new("route", row.Route), new("dialect", row.Dialect), new("provider", provider), new("status", status), new("code", row.ErrorCode));
        _duration.Record(row.DurationMs / 1000, new("route", row.Route), new("dialect", row.Dialect), new("provider", provider));
        if (row.TimeToFirstTokenMs is { } firstToken) _firstToken.Record(firstToken / 1000, new("dialect", row.Dialect), new("provider", provider));
        var key = row.KeyId ?? "none";
        Tokens("prompt", row.PromptTokens, provider, key);
        Tokens("completion", row.CompletionTokens, provider, key);
        Tokens("cache_read", row.CacheReadTokens, provider, key);
        Tokens("cache_write", row.CacheWriteTokens, provider, key);
        Tokens("reasoning", row.ReasoningTokens, provider, key);
    }

    private void Tokens(string kind, int? count, string provider, string key)
    {
        if (count is > 0) _tokens.Add(count.Value, new("kind", kind), new("provider", provider), new("key", key));
    }

    public void Dispose() => _meter.Dispose();
}
