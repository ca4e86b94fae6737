namespace Wrapper.Server.Ledger.Contracts;

/// <summary><c>GET /v1/usage</c>'s answer: the groups, and the window and grouping they cover (times as Unix seconds).</summary>
internal sealed record UsageList(string GroupBy, long From, long To, IReadOnlyList<UsageBucket> Data)
{
    public string Object => "list";
}
