using Wrapper.Server.Configuration;

namespace Wrapper.Server.Ledger;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class LedgerOptionsValidator() : OptionsValidator<LedgerOptions>(
    Fail(o => o.BufferSize is < 100 or > 1_000_000, o => $"LEDGER_BUFFER_SIZE must be between 100 and 1000000 rows (got {o.BufferSize})."),
    Fail(o => !o.UsesPostgres && string.IsNullOrWhiteSpace(o.DataDir), _ => "DATA_DIR must name a folder when DATABASE_URL is not set."),
    Fail(o => o.KeyCacheSeconds is < 0 or > 300, o => $"KEY_CACHE_SECONDS must be between 0 and 300 (got {o.KeyCacheSeconds})."),
    Fail(o => o.BudgetRefreshSeconds is < 0 or > 60, o => $"BUDGET_REFRESH_SECONDS must be between 0 and 60 (got {o.BudgetRefreshSeconds})."));
