using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Hosting;
using Wrapper.Server.Providers;

namespace Wrapper.Tests.Diagnostics;

/// <summary>Every secret variable a registered plug-in declares is masked in the logs.</summary>
public sealed class PluginSecretMaskingTests
{
    private sealed class Capture : ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(LogEvent logEvent) => Lines.Add(logEvent.RenderMessage());
    }

    [Test]
    public async Task Every_secret_variable_of_every_registered_plugin_is_masked()
    {
        await using var app = WrapperApp.Create([], configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["API_KEY"] = "", ["HOST"] = "127.0.0.1", ["PORT"] = "0" }));
        var variables = app.Services.GetServices<CliPlugin>().SelectMany(p => p.SecretVariables).Distinct().ToList();
        // Values that look like no known key, so only the declared names can mask them.
        var values = variables.ToDictionary(name => name, name => $"plain{name.Length}value{string.Concat(name.Where(char.IsLetter)).ToLowerInvariant()}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();
        var capture = new Capture();
        using var logger = WrapperLogging.Create(configuration, sinks => sinks.Sink(capture)).CreateLogger();

        foreach (var (name, value) in values) logger.Information("The CLI printed {Text}", $"{name.Length} then {value} then done");

        Assert.That(variables, Is.SupersetOf(new[] { "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY" }));
        Assert.That(capture.Lines, Has.Count.EqualTo(values.Count));
        Assert.That(capture.Lines, Has.All.Contain(" then *** then done"));
        Assert.That(string.Join("\n", capture.Lines), Does.Not.Contain("value"));
    }
}
