using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Wrapper.Server.Ledger.Metrics;

/// <summary>
/// The CLI processes by state, for <c>wrapper_cli_processes</c>: each state is read from whoever
/// knows it when the metrics are scraped. The gateway feeds "running" and "warm"; a part that keeps
/// processes between turns feeds "held" (<see cref="Feed"/>), one source per state.
/// </summary>
internal sealed class CliProcessGauges
{
    public const string Running = "running";
    public const string Warm = "warm";
    public const string Held = "held";

    private readonly ConcurrentDictionary<string, Func<long>> _sources = new(StringComparer.Ordinal);

    /// <summary>Says where the count of processes in <paramref name="state"/> comes from (the last feed of a state wins).</summary>
    public void Feed(string state, Func<long> count) => _sources[state] = count;

    public IEnumerable<Measurement<long>> Read()
    {
        foreach (var state in new[] { Running, Warm, Held }.Concat(_sources.Keys).Distinct())
            yield return new Measurement<long>(_sources.TryGetValue(state, out var count) ? count() : 0, new KeyValuePair<string, object?>("state", state));
    }
}
