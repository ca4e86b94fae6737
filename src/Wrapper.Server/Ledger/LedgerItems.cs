namespace Wrapper.Server.Ledger;

/// <summary>
/// Keys of <c>HttpContext.Items</c> the ledger reads beyond what the request log already has: set by
/// the key check (who) and, once the core's per-request record carries them, by the run (how).
/// </summary>
internal static class LedgerItems
{
    /// <summary>Which key the request came with: "admin" for API_KEY, a client key's id otherwise.</summary>
    public const string KeyId = "wrapper.key_id";
    public const string Usage = "wrapper.usage";
    public const string CliModel = "wrapper.cli_model";
    public const string ErrorCode = "wrapper.error_code";
    public const string FirstTokenAt = "wrapper.first_token_ms";
    public const string ToolCalls = "wrapper.tool_calls";
}
