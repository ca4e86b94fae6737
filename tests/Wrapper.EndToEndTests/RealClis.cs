namespace Wrapper.EndToEndTests;

/// <summary>Installs the pinned CLIs once before the end-to-end tests run.</summary>
[SetUpFixture]
public sealed class RealClis
{
    public static string ClaudePath => NodePackages.ClaudePath;

    [OneTimeSetUp]
    public Task InstallOnce() => NodePackages.EnsureInstalledAsync();
}
