using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Tools;
using Wrapper.Server.Tools.Web;
using Wrapper.Tests.Providers;

namespace Wrapper.Tests.Tools.Web;

/// <summary>WEB_TOOLS decides which requests get the in-turn web tools, and the gateway's tools are served beside the client's.</summary>
public sealed class GatewayToolsTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("{\"type\":\"object\"}").RootElement;

    [TestCase("chat", false, false, true)]
    [TestCase("chat", true, false, false)]
    [TestCase("chat", false, true, false)]
    [TestCase("always", true, false, true)]
    [TestCase("always", false, true, true)]
    [TestCase("off", false, false, false)]
    [TestCase("OFF", false, false, false)]
    public void Web_tools_follow_the_setting_and_whether_the_request_brings_tools(string mode, bool clientTools, bool xmlTools, bool offered)
    {
        using var fetch = new WebFetchTool(Options.Create(new WebToolsOptions()));
        var tools = new GatewayTools(Options.Create(new WebToolsOptions { Mode = mode }), fetch);
        var request = Request() with
        {
            Tools = clientTools ? [new ToolSpec("read_file", "", Schema)] : [],
            ExpectsXmlTools = xmlTools,
        };

        Assert.That(tools.WebOn(request), Is.EqualTo(offered));
        Assert.That(tools.For(request).Select(t => t.Spec.Name), Is.EqualTo(offered ? new[] { "web_fetch" } : []));
    }

    [Test]
    public void The_gateways_tool_is_listed_first_and_a_client_tool_of_the_same_name_gets_a_stand_in()
    {
        using var fetch = new WebFetchTool(Options.Create(new WebToolsOptions()));
        var sessions = new McpToolSessions(new GatewayTools(Options.Create(new WebToolsOptions { Mode = "always" }), fetch));
        var request = Request() with { Tools = [new ToolSpec("web_fetch", "the client's own", Schema), new ToolSpec("read_file", "", Schema)] };

        var offer = McpToolOffer.Open(request, sessions, LoopbackGateway.Address(), "mcp__w__", 64)!;

        var listed = sessions.Find(offer.Session.Token)!.Tools;
        Assert.That(listed.Select(t => (t.Name, t.RunsInGateway is not null)), Is.EqualTo(new[] { ("web_fetch", true), ("web_fetch_t0", false), ("read_file", false) }));
        Assert.That(offer.ToolNames, Is.EquivalentTo(new Dictionary<string, string> { ["mcp__w__web_fetch_t0"] = "web_fetch", ["mcp__w__read_file"] = "read_file" }));
        Assert.That(offer.GatewayToolNames, Is.EquivalentTo(new Dictionary<string, string> { ["mcp__w__web_fetch"] = "web_fetch" }));
        offer.Session.Dispose();
    }

    [Test]
    public void A_chat_request_without_tools_still_gets_an_MCP_offer_with_only_the_gateways_tool()
    {
        using var fetch = new WebFetchTool(Options.Create(new WebToolsOptions()));
        var sessions = new McpToolSessions(new GatewayTools(Options.Create(new WebToolsOptions()), fetch));

        var offer = McpToolOffer.Open(Request(), sessions, LoopbackGateway.Address(), "mcp_w_", 63);

        Assert.That(offer, Is.Not.Null);
        Assert.That(offer!.ToolNames, Is.Empty, "nothing of it is ever the client's");
        Assert.That(offer.GatewayToolNames.Keys, Is.EqualTo(new[] { "mcp_w_web_fetch" }));
        offer.Session.Dispose();
    }

    private static CompletionRequest Request() => new()
    {
        Model = "claude-sonnet-4-5",
        SystemPrompt = null,
        Messages = [new ConversationMessage(ConversationRole.User, "hi")],
    };
}
