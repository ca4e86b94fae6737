using System.Security.Cryptography;

namespace Wrapper.Server.Processes;

/// <summary>
/// The environment variable every CLI is started with, <c>WRAPPER_PROCESS_TREE=&lt;gateway&gt;.&lt;run&gt;</c>.
/// Descendants inherit it whatever they do with their session or parent: a helper that calls
/// setsid(2) leaves the process group the gateway signals, and when its parent exits it is
/// re-parented to init, but it still carries the marker, so <see cref="MarkedProcesses"/> finds it.
/// The value is random and names nothing of the host.
/// </summary>
internal static class TreeMarker
{
    public const string Name = "WRAPPER_PROCESS_TREE";

    private static long _runs;

    /// <summary>This gateway's own part of every marker: the supervisor sweeps all of them when the gateway dies.</summary>
    public static string GatewayToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>A fresh value for one CLI run.</summary>
    public static string NewRun() => $"{GatewayToken}.{Interlocked.Increment(ref _runs)}";

    /// <summary>What every run of the gateway with <paramref name="gatewayToken"/> starts with.</summary>
    public static string GatewayPrefix(string gatewayToken) => $"{gatewayToken}.";
}
