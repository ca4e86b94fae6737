using Microsoft.Extensions.Options;

namespace Wrapper.Tests.Providers.FifthCli;

internal sealed class FifthOptionsValidator : IValidateOptions<FifthOptions>
{
    public ValidateOptionsResult Validate(string? name, FifthOptions options) =>
        string.IsNullOrWhiteSpace(options.ModelPrefix) ? ValidateOptionsResult.Fail("FIFTH_MODEL_PREFIX must not be empty.") : ValidateOptionsResult.Success;
}
