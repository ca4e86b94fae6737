using Microsoft.Extensions.Options;

namespace Wrapper.Server.Providers.Codex;

internal sealed class CodexOptionsValidator : IValidateOptions<CodexOptions>
{
    public ValidateOptionsResult Validate(string? name, CodexOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CliPath)) errors.Add("CODEX_CLI_PATH must not be empty (a path, or a command name such as 'codex').");
        if (string.IsNullOrWhiteSpace(options.ModelPrefix)) errors.Add("CODEX_MODEL_PREFIX must not be empty.");
        if (string.IsNullOrWhiteSpace(options.RoutingPrefix)) errors.Add("CODEX_ROUTING_PREFIX must not be empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
