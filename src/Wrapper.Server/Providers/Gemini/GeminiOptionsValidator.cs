using Microsoft.Extensions.Options;

namespace Wrapper.Server.Providers.Gemini;

internal sealed class GeminiOptionsValidator : IValidateOptions<GeminiOptions>
{
    public ValidateOptionsResult Validate(string? name, GeminiOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CliPath)) errors.Add("GEMINI_CLI_PATH must not be empty (a path, or a command name such as 'gemini').");
        if (string.IsNullOrWhiteSpace(options.ModelPrefix)) errors.Add("GEMINI_MODEL_PREFIX must not be empty.");
        if (string.IsNullOrWhiteSpace(options.DefaultModel)) errors.Add("GEMINI_MODEL must not be empty (e.g. 'gemini-2.5-flash').");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
