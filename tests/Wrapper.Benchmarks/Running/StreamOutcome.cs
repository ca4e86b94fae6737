namespace Wrapper.Benchmarks.Running;

/// <summary>One stream's result; <see cref="Error"/> is null when it delivered content and ended with [DONE].</summary>
internal sealed record StreamOutcome(double FirstContentMs, double TotalMs, int Keepalives, string? Error)
{
    public static StreamOutcome Failed(string error) => new(double.NaN, double.NaN, 0, error);
}
