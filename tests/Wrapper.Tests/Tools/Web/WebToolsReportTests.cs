using Wrapper.Server.Tools.Web;

namespace Wrapper.Tests.Tools.Web;

/// <summary>What the request log says about a run's web tools.</summary>
public sealed class WebToolsReportTests
{
    [Test]
    public void Offered_kinds_are_named_once_and_used_ones_in_order() =>
        Assert.That(WebToolsReport.Of(new Dictionary<string, string> { ["WebSearch"] = "web_search", ["mcp__w__web_fetch"] = "web_fetch" }, ["web_fetch"]),
            Is.EqualTo("offered=web_fetch,web_search used=web_fetch"));

    [Test]
    public void Nothing_used_says_none() =>
        Assert.That(WebToolsReport.Of(new Dictionary<string, string> { ["mcp_w_web_fetch"] = "web_fetch" }, []), Is.EqualTo("offered=web_fetch used=none"));

    [Test]
    public void Nothing_offered_leaves_the_field_empty() =>
        Assert.That(WebToolsReport.Of(new Dictionary<string, string>(), []), Is.Null);
}
