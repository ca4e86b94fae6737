namespace Wrapper.Server.Providers;

/// <summary>
/// The settings every CLI has, named after its prefix: <c>&lt;P&gt;_CLI_PATH</c>, <c>&lt;P&gt;_MODEL_PREFIX</c> and
/// <c>&lt;P&gt;_MODELS</c> (<c>CLAUDE_CLI_PATH</c>, ...). A CLI's own record derives from this and names its further
/// settings without the prefix too (<c>[ConfigurationKeyName("MODEL")]</c> is <c>GEMINI_MODEL</c>);
/// <see cref="CliPluginRegistration"/> binds them from the flat settings under <see cref="SettingsPrefix"/>.
/// </summary>
internal abstract record CliOptions
{
    protected CliOptions(string settingsPrefix, string command, string modelPrefix, string models)
    {
        SettingsPrefix = settingsPrefix;
        Command = command;
        CliPath = command;
        ModelPrefix = modelPrefix;
        Models = models;
    }

    /// <summary>The start of every setting name of this CLI ("CLAUDE"); not a setting itself.</summary>
    public string SettingsPrefix { get; }

    /// <summary>The command name the CLI installs (the default of <see cref="CliPath"/>).</summary>
    public string Command { get; }

    /// <summary><c>&lt;P&gt;_CLI_PATH</c>: a path, or a command name looked up on PATH and in ./node_modules/.bin.</summary>
    [ConfigurationKeyName("CLI_PATH")] public string CliPath { get; init; }

    /// <summary><c>&lt;P&gt;_MODEL_PREFIX</c>: model ids starting with this go to this CLI.</summary>
    [ConfigurationKeyName("MODEL_PREFIX")] public string ModelPrefix { get; init; }

    /// <summary>
    /// <c>&lt;P&gt;_MODELS</c>: comma-separated ids listed by /v1/models. Any id with a prefix of this CLI is
    /// accepted and handed to it.
    /// </summary>
    [ConfigurationKeyName("MODELS")] public string Models { get; init; }

    /// <summary>The full name of one of this CLI's settings: <c>Setting("CLI_PATH")</c> is <c>CLAUDE_CLI_PATH</c>.</summary>
    public string Setting(string name) => $"{SettingsPrefix}_{name}";

    /// <summary><see cref="Models"/> as a list.</summary>
    public IReadOnlyList<string> ModelIds => Models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The prefixes of the ids this CLI serves (more than one where a routing prefix is added).</summary>
    public virtual IReadOnlyList<string> ModelPrefixes => [ModelPrefix];

    public bool Serves(string model) => ModelPrefixes.Any(prefix => model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The model handed to the CLI for a requested id (without <c>-progress</c>): the one place where a
    /// CLI's alias ids resolve. Every id not an alias goes to the CLI as it came.
    /// </summary>
    public virtual string CliModel(string model) => model;

    /// <summary>True for the prefix alias <c>&lt;prefix&gt;default</c> (<c>gemini-default</c>): the CLI's configured default model.</summary>
    public bool IsDefaultAlias(string model) => string.Equals(model, ModelPrefix + "default", StringComparison.OrdinalIgnoreCase);
}
