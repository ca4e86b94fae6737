namespace Wrapper.Server.Configuration;

/// <summary>One start-up check of <see cref="OptionsValidator{TOptions}"/>.</summary>
internal sealed record OptionsRule<TOptions>(Func<TOptions, bool> IsWrong, Func<TOptions, string> Message);
