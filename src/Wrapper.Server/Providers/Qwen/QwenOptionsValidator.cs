using Microsoft.Extensions.Options;

namespace Wrapper.Server.Providers.Qwen;

internal sealed class QwenOptionsValidator : IValidateOptions<QwenOptions>
{
    public ValidateOptionsResult Validate(string? name, QwenOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CliPath)) errors.Add("QWEN_CLI_PATH must not be empty (a path, or a command name such as 'qwen').");
        if (string.IsNullOrWhiteSpace(options.ModelPrefix)) errors.Add("QWEN_MODEL_PREFIX must not be empty.");
        if (string.IsNullOrWhiteSpace(options.DefaultModel)) errors.Add("QWEN_MODEL must not be empty (e.g. 'qwen3-coder-plus').");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
