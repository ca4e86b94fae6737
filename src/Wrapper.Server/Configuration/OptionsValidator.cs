using Microsoft.Extensions.Options;

namespace Wrapper.Server.Configuration;

/// <summary>
/// The one shape of every start-up check: a list of rules, each a condition that is wrong and the
/// message that names the setting to fix; all failures are reported together.
/// </summary>
internal abstract class OptionsValidator<TOptions>(params OptionsRule<TOptions>[] rules) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = rules.Where(rule => rule.IsWrong(options)).Select(rule => rule.Message(options)).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Fails with <paramref name="message"/> when <paramref name="isWrong"/> holds.</summary>
    protected static OptionsRule<TOptions> Fail(Func<TOptions, bool> isWrong, Func<TOptions, string> message) => new(isWrong, message);

    /// <summary>Fails with <paramref name="message"/> when the setting is empty or blank.</summary>
    protected static OptionsRule<TOptions> NotEmpty(Func<TOptions, string?> value, string message) =>
        new(options => string.IsNullOrWhiteSpace(value(options)), _ => message);
}
