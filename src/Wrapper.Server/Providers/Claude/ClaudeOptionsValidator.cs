using Microsoft.Extensions.Options;

namespace Wrapper.Server.Providers.Claude;

internal sealed class ClaudeOptionsValidator : IValidateOptions<ClaudeOptions>
{
    public ValidateOptionsResult Validate(string? name, ClaudeOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CliPath)) errors.Add("CLAUDE_CLI_PATH must not be empty (a path, or a command name such as 'claude').");
        if (string.IsNullOrWhiteSpace(options.ModelPrefix)) errors.Add("CLAUDE_MODEL_PREFIX must not be empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
