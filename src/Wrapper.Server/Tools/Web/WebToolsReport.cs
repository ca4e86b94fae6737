namespace Wrapper.Server.Tools.Web;

/// <summary>How the request log and <c>/v1/debug/request</c> name a run's in-turn web tools.</summary>
internal static class WebToolsReport
{
    /// <summary>The kinds offered, each once, in a stable order.</summary>
    public static IReadOnlyList<string> Offered(IReadOnlyDictionary<string, string> inTurnTools) =>
        [.. inTurnTools.Values.Distinct().Order(StringComparer.Ordinal)];

    /// <summary><c>offered=web_fetch,web_search used=web_fetch</c>, or null when none were offered.</summary>
    public static string? Of(IReadOnlyDictionary<string, string> inTurnTools, IReadOnlyList<string> used)
    {
        var offered = Offered(inTurnTools);
        if (offered.Count == 0) return null;
        return $"offered={string.Join(',', offered)} used={(used.Count == 0 ? "none" : string.Join(',', used))}";
    }
}
