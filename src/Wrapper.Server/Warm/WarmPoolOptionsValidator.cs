using Microsoft.Extensions.Options;

namespace Wrapper.Server.Warm;

internal sealed class WarmPoolOptionsValidator : IValidateOptions<WarmPoolOptions>
{
    public ValidateOptionsResult Validate(string? name, WarmPoolOptions options)
    {
        var errors = new List<string>();
        if (options.SizePerKey is < 0 or > 64) errors.Add($"WARM_POOL_SIZE_PER_KEY must be between 0 and 64 (got {options.SizePerKey}).");
        if (options.SizeTotal is < 0 or > 256) errors.Add($"WARM_POOL_SIZE_TOTAL must be between 0 and 256 (got {options.SizeTotal}).");
        if (options.IdleTimeoutSeconds <= 0) errors.Add($"WARM_POOL_IDLE_TIMEOUT must be a positive number of seconds (got {options.IdleTimeoutSeconds}).");
        if (options.MaxUses <= 0) errors.Add($"WARM_POOL_MAX_USES must be at least 1 (got {options.MaxUses}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
