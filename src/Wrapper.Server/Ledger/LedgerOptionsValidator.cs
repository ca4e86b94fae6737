using Wrapper.Server.Configuration;

namespace Wrapper.Server.Ledger;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class LedgerOptionsValidator() : OptionsValidator<LedgerOptions>(
    Fail(o => o.BufferSize is < 100 or > 1_000_000, o => $"LEDGER_BUFFER_SIZE must be between 100 and 1000000 rows (got {o.BufferSize})."),
    Fail(o => !o.UsesPostgres && string.IsNullOrWhiteSpace(o.DataDir), _ => "DATA_DIR must name a folder when DATABASE_URL is not set."));
