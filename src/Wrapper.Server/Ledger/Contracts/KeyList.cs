namespace Wrapper.Server.Ledger.Contracts;

internal sealed record KeyList(IReadOnlyList<KeyView> Data)
{
    public string Object => "list";
}

/// <summary>The answer to <c>DELETE /admin/keys/{name}</c>.</summary>
internal sealed record KeyDeleted(string Name)
{
    public bool Deleted => true;
}
