using Microsoft.Extensions.Options;

namespace Wrapper.Server.Configuration;

internal sealed class CleanupOptionsValidator : IValidateOptions<CleanupOptions>
{
    public ValidateOptionsResult Validate(string? name, CleanupOptions options) =>
        options.CleanupDelayMinutes >= 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"CLEANUP_DELAY_MINUTES must be zero or more minutes (got {options.CleanupDelayMinutes}).");
}
