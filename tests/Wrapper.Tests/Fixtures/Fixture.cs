namespace Wrapper.Tests.Fixtures;

/// <summary>Recorded real CLI output (event kinds in docs/cli/EVENTS.md), read from the test output folder.</summary>
internal static class Fixture
{
    public static string[] Lines(string relativePath) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));
}
