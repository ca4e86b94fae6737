namespace Wrapper.Server.Api.Contracts;

/// <summary>The answer of <c>GET /v1/models</c>; clients read only <c>data[].id</c>.</summary>
internal sealed record ModelList(IReadOnlyList<ModelEntry> Data)
{
    public string Object => "list";
}

internal sealed record ModelEntry(string Id, long Created, string OwnedBy)
{
    public string Object => "model";
}
