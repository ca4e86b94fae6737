using Microsoft.Extensions.Configuration.Memory;

namespace Wrapper.Server.Configuration;

/// <summary>
/// Adds one <c>.env</c> file to configuration, just under the environment variables, so that a real
/// environment variable always wins over it and it wins over any file inserted before it.
/// </summary>
internal static class DotEnvConfigurationSource
{
    public static void InsertBeforeEnvironment(IConfigurationBuilder builder, string path)
    {
        if (!File.Exists(path)) return;
        var source = new MemoryConfigurationSource { InitialData = DotEnvFile.Parse(File.ReadAllLines(path)) };
        var environmentIndex = builder.Sources.ToList().FindIndex(s =>
            s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (environmentIndex < 0) builder.Sources.Add(source);
        else builder.Sources.Insert(environmentIndex, source);
    }
}
