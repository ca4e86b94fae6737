using Microsoft.Extensions.Options;
using Wrapper.Server.Core;

namespace Wrapper.Server.Tools.Web;

/// <summary>
/// Which in-turn web tools a request gets (WEB_TOOLS): under <c>chat</c> only requests that bring no
/// tools of their own (no <c>tools</c>, and no XML tool protocol in the prompt), under <c>always</c>
/// every request, under <c>off</c> none. The gateway's own tools (web_fetch) are listed here; each
/// CLI adds its provider-hosted search where it has one (see <see cref="InTurnTools"/>).
/// </summary>
internal sealed class GatewayTools(IOptions<WebToolsOptions> options, WebFetchTool webFetch)
{
    public const string WebSearch = "web_search";

    /// <summary>True when the request's model may search and fetch inside its turn.</summary>
    public bool WebOn(CompletionRequest request) => options.Value.ParsedMode switch
    {
        WebToolsMode.Off => false,
        WebToolsMode.Always => true,
        _ => request.Tools.Count == 0 && !request.ExpectsXmlTools,
    };

    /// <summary>The tools the gateway runs for this request.</summary>
    public IReadOnlyList<IGatewayTool> For(CompletionRequest request) => WebOn(request) ? [webFetch] : [];

}
