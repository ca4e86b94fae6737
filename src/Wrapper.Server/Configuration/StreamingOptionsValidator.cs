using Microsoft.Extensions.Options;

namespace Wrapper.Server.Configuration;

internal sealed class StreamingOptionsValidator : IValidateOptions<StreamingOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamingOptions options)
    {
        var errors = new List<string>();
        if (options.KeepaliveIntervalSeconds <= 0) errors.Add($"SSE_KEEPALIVE_INTERVAL must be a positive number of seconds (got {options.KeepaliveIntervalSeconds}).");
        if (options.ProgressIntervalSeconds <= 0) errors.Add($"PROGRESS_INTERVAL must be a positive number of seconds (got {options.ProgressIntervalSeconds}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
