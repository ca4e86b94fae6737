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

    /// <summary>
    /// A gateway's own part of every marker: its supervisor sweeps all of them when the gateway dies.
    /// One per gateway instance, not per OS process: tests run several gateways in one process, and
    /// one gateway's sweep must never reach another's CLIs.
    /// </summary>
    public static string NewGatewayToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>What every run of the gateway with <paramref name="gatewayToken"/> starts with.</summary>
    public static string GatewayPrefix(string gatewayToken) => $"{gatewayToken}.";
}
