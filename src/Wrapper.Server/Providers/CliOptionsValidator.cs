using Wrapper.Server.Configuration;

namespace Wrapper.Server.Providers;

/// <summary>
/// The start-up checks every CLI's options share (a path and a model prefix), plus the CLI's own rules;
/// every message names the setting to fix.
/// </summary>
internal abstract class CliOptionsValidator<TOptions>(params OptionsRule<TOptions>[] rules) : OptionsValidator<TOptions>(
    [
        Fail(o => string.IsNullOrWhiteSpace(o.CliPath), o => $"{o.Setting("CLI_PATH")} must not be empty (a path, or a command name such as '{o.Command}')."),
        Fail(o => string.IsNullOrWhiteSpace(o.ModelPrefix), o => $"{o.Setting("MODEL_PREFIX")} must not be empty."),
        .. rules,
    ])
    where TOptions : CliOptions;
