using System.Globalization;
using System.Reflection;
using Wrapper.Server.Configuration;
using Wrapper.Server.Providers;

namespace Wrapper.Tests.Configuration;

/// <summary>.env.example documents every setting the code reads, with its default, and nothing else.</summary>
public sealed class EnvExampleTests
{
    private static readonly IReadOnlyDictionary<string, string?> Documented = ReadEnvExample();

    /// <summary>Every [ConfigurationKeyName] property of every options record, with its default value.</summary>
    private static readonly IReadOnlyDictionary<string, string> Settings = typeof(ServerOptions).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && t.GetConstructor(Type.EmptyTypes) is not null)
        .Where(t => t.GetProperties().Any(p => p.GetCustomAttribute<Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute>() is not null))
        .Select(Activator.CreateInstance)
        .SelectMany(options => options!.GetType().GetProperties().Select(p => (Options: options, Property: p, Key: p.GetCustomAttribute<Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute>()?.Name)))
        .Where(x => x.Key is not null)
        // A CLI's options name their settings under its prefix (CLI_PATH is CLAUDE_CLI_PATH).
        .ToDictionary(x => x.Options is CliOptions cli ? cli.Setting(x.Key!) : x.Key!, x => Format(x.Property.GetValue(x.Options)));

    /// <summary>Read outside options classes: the logging switches and the API key.</summary>
    private static readonly string[] ReadDirectly = ["DEBUG_MODE", "VERBOSE", "API_KEY"];

    [Test]
    public void Every_setting_in_the_code_is_documented_with_its_default()
    {
        foreach (var (key, value) in Settings)
        {
            Assert.That(Documented, Does.ContainKey(key), $"{key} is read by the code but missing from .env.example");
            Assert.That(SameValue(Documented[key], value), Is.True, $"{key}: .env.example says '{Documented[key]}', the code's default is '{value}'");
        }
    }

    [Test]
    public void Env_example_documents_nothing_the_code_does_not_read()
    {
        var known = Settings.Keys.Concat(ReadDirectly).ToHashSet();

        Assert.That(Documented.Keys.Where(key => !known.Contains(key)), Is.Empty);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        Enum e => e.ToString().ToLowerInvariant(), // bound case-insensitively; .env.example writes them lower-case
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Numbers compare as numbers (5 and 5.0 are the same default).</summary>
    private static bool SameValue(string? documented, string value) =>
        documented == value
        || (double.TryParse(documented, CultureInfo.InvariantCulture, out var a) && double.TryParse(value, CultureInfo.InvariantCulture, out var b) && a == b);

    private static IReadOnlyDictionary<string, string?> ReadEnvExample()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, ".env.example");
            if (File.Exists(path)) return DotEnvFile.Parse(File.ReadAllLines(path));
        }
        throw new FileNotFoundException(".env.example not found above the tests.");
    }
}
