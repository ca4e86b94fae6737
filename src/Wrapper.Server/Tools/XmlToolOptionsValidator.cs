using Microsoft.Extensions.Options;

namespace Wrapper.Server.Tools;

internal sealed class XmlToolOptionsValidator : IValidateOptions<XmlToolOptions>
{
    public ValidateOptionsResult Validate(string? name, XmlToolOptions options) =>
        options.ConfidenceThreshold > 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"XML_CONFIDENCE_THRESHOLD must be a positive number (got {options.ConfidenceThreshold}).");
}
