using Microsoft.Extensions.Options;

namespace Wrapper.Server.Ledger;

internal sealed class LedgerOptionsValidator : IValidateOptions<LedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, LedgerOptions options)
    {
        if (options.BufferSize is < 100 or > 1_000_000)
            return ValidateOptionsResult.Fail($"LEDGER_BUFFER_SIZE must be between 100 and 1000000 rows (got {options.BufferSize}).");
        if (!options.UsesPostgres && string.IsNullOrWhiteSpace(options.DataDir))
            return ValidateOptionsResult.Fail("DATA_DIR must name a folder when DATABASE_URL is not set.");
        return ValidateOptionsResult.Success;
    }
}
