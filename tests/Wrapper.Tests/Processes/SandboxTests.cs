using Wrapper.Server.Processes;

namespace Wrapper.Tests.Processes;

public sealed class SandboxTests
{
    [Test]
    public void A_sandbox_is_owner_only_and_disposing_removes_everything_in_it()
    {
        var parent = Directory.CreateTempSubdirectory("wrapper-unit-").FullName;
        try
        {
            var sandbox = Sandbox.Create(parent);
            var file = sandbox.WriteFile("system-prompt.md", "text");
            File.WriteAllText(Path.Combine(sandbox.WorkDirectory, "left-by-cli.txt"), "x");

            Assert.That(File.GetUnixFileMode(sandbox.Root), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(Path.GetFileName(sandbox.Root), Does.StartWith(Sandbox.NamePrefix));

            sandbox.Dispose();

            Assert.That(Directory.Exists(sandbox.Root), Is.False);
            Assert.That(Directory.Exists(parent), Is.True, "only the sandbox goes");
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
