namespace Wrapper.Tests.Providers;

/// <summary>A fresh temporary folder per test (sandboxes and CLI homes are made under it), removed after.</summary>
public abstract class SandboxTestBase
{
    protected string Root { get; private set; } = "";

    [SetUp]
    public void CreateRoot() => Root = Directory.CreateTempSubdirectory("wrapper-unit-").FullName;

    [TearDown]
    public void RemoveRoot() => Directory.Delete(Root, recursive: true);
}
