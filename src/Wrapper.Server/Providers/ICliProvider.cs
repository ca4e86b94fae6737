using Wrapper.Server.Core;
using Wrapper.Server.Processes;

namespace Wrapper.Server.Providers;

/// <summary>
/// A coding CLI behind the gateway: which model ids it serves, how to run it for one request, and how
/// to read what it prints. Adding a CLI is one folder implementing this plus one registration.
/// </summary>
internal interface ICliProvider
{
    /// <summary>Short unique name ("claude"), used in logs and <c>owned_by</c>.</summary>
    string Name { get; }

    /// <summary>Where the CLI is and how to get it, for the 503 when it is missing.</summary>
    CliExecutable Executable { get; }

    /// <summary>True when this provider serves <paramref name="model"/> (by its prefix).</summary>
    bool Serves(string model);

    /// <summary>The prefixes of the model ids it serves, for the start-up check that no two providers overlap.</summary>
    IReadOnlyList<string> ModelPrefixes => [];

    /// <summary>The model ids to list in <c>GET /v1/models</c>.</summary>
    IReadOnlyList<string> Models { get; }

    /// <summary>The model handed to the CLI for a request: its alias ids resolved (<see cref="CliOptions.CliModel"/>).</summary>
    string CliModel(CompletionRequest request) => request.CliModel;

    /// <summary>Arguments, environment and stdin for one request; files go into <paramref name="sandbox"/>.</summary>
    CliInvocation BuildInvocation(CompletionRequest request, Sandbox sandbox);

    /// <summary>
    /// The CLI's own web search that WEB_TOOLS turns on, and where it runs (shown in <c>/v1/auth/status</c>),
    /// or why there is none: only a search that runs off this host is ever enabled.
    /// </summary>
    string WebSearch => "none: only the gateway's web_fetch is offered";

    /// <summary>A fresh parser for one run's output.</summary>
    ICliOutputParser CreateParser();
}
