using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers;

/// <summary>The one error for a CLI that exited before it answered: its exit code and what it said on stderr.</summary>
internal static class CliExitFailure
{
    public static string Detail(string standardErrorTail) =>
        string.IsNullOrWhiteSpace(standardErrorTail) ? "it printed nothing on stderr" : standardErrorTail.Trim();

    public static GatewayError Error(string displayName, int exitCode, string detail) =>
        GatewayError.Upstream($"{displayName} exited with code {exitCode} before it answered: {detail}", "cli_failed");

    public static ProviderEvent[] Event(string displayName, int exitCode, string standardErrorTail) =>
        [new TurnFailed(Error(displayName, exitCode, Detail(standardErrorTail)))];
}
