using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Processes;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers;

/// <summary>
/// Gemini CLI and Qwen Code (a fork of Gemini CLI) keep <c>settings.json</c> and their login in one home
/// folder, which they rewrite: each request gets its own in the sandbox, quiet (no usage statistics, no
/// telemetry: docs/cli/REPORT.md §2), with the auth type the gateway chose and the user's login linked
/// (never copied) from the real home; the client's tools join as the gateway's MCP server.
/// </summary>
internal sealed class GeminiFamilyHome
{
    // Both name MCP tools with their server's prefix and shorten names over 63 characters (generateValidName
    // in their bundles); McpToolNames keeps ours within that.
    private const int MaxToolNameLength = 63;

    private GeminiFamilyHome(string directory, JsonObject settings)
    {
        Directory = directory;
        Settings = settings;
    }

    /// <summary>The request's settings folder (<c>&lt;sandbox home&gt;/.gemini</c>).</summary>
    public string Directory { get; }

    /// <summary>The request's settings, written by <see cref="Write"/>; the provider adds its own.</summary>
    public JsonObject Settings { get; }

    /// <summary>
    /// Creates <paramref name="folder"/> in the sandbox's home; with <paramref name="authType"/> the
    /// <paramref name="login"/>'s own type, the login's files are linked in.
    /// </summary>
    public static GeminiFamilyHome Open(Sandbox sandbox, string folder, CliLogin login, string? authType)
    {
        var directory = CliHome.Directory(sandbox.HomeDirectory, folder);
        var settings = new JsonObject
        {
            ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
            ["telemetry"] = new JsonObject { ["enabled"] = false },
        };
        if (authType == login.AuthType) login.LinkInto(directory);
        if (authType is not null)
            settings["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = authType } };
        return new GeminiFamilyHome(directory, settings);
    }

    /// <summary>
    /// The client's tools as real function declarations through the gateway's MCP endpoint, registered in
    /// the settings (<c>mcpServers</c>); null when the request offers none.
    /// </summary>
    public McpToolOffer? OfferTools(CompletionRequest request, McpToolSessions sessions, GatewayAddress address, string toolPrefix)
    {
        if (McpToolOffer.Open(request, sessions, address, toolPrefix, MaxToolNameLength) is not { } offer) return null;
        Settings["mcpServers"] = offer.SettingsServers();
        return offer;
    }

    /// <summary>Writes the settings, owner-only.</summary>
    public void Write() => CliHome.WriteFile(Path.Combine(Directory, "settings.json"), Settings.ToJsonString());
}

/// <summary>
/// A CLI's OAuth login: the files in its real home (<see cref="RealDirectory"/>, null without a home) and
/// the auth type that uses them.
/// </summary>
internal sealed record CliLogin(string? RealDirectory, string AuthType, params string[] Files)
{
    /// <summary>True when the login's first file exists in the real home.</summary>
    public bool Exists => CliHome.HasLogin(RealDirectory, Files[0]);

    /// <summary>Links the login's files into a request's home folder.</summary>
    public void LinkInto(string requestDirectory) => CliHome.LinkLogin(RealDirectory, requestDirectory, Files);
}
