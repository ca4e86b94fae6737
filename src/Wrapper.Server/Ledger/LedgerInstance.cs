namespace Wrapper.Server.Ledger;

/// <summary>
/// This run of the gateway, as its ledger rows name it: budgets count their own instance's rows in
/// memory and read only the others' from the database. A restart is a new instance.
/// </summary>
internal sealed class LedgerInstance
{
    public string Id { get; } = Guid.CreateVersion7().ToString("N");
}
