using Wrapper.Server.Processes;

namespace Wrapper.Tests.Processes;

public sealed class SandboxRootCheckTests : Providers.SandboxTestBase
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Everyone = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Test]
    public void An_owner_only_root_under_owner_only_or_sticky_folders_is_safe()
    {
        var shared = Directory.CreateDirectory(Path.Combine(Root, "shared")).FullName;
        File.SetUnixFileMode(shared, Everyone | UnixFileMode.StickyBit);
        var root = Directory.CreateDirectory(Path.Combine(shared, "sandboxes"), OwnerOnly).FullName;

        Assert.That(SandboxRootCheck.Problem(root), Is.Null);
    }

    [Test]
    public void A_folder_above_the_root_that_anyone_can_write_to_without_the_sticky_bit_is_refused()
    {
        var open = Directory.CreateDirectory(Path.Combine(Root, "open")).FullName;
        File.SetUnixFileMode(open, Everyone);
        var root = Directory.CreateDirectory(Path.Combine(open, "sandboxes"), OwnerOnly).FullName;

        Assert.That(SandboxRootCheck.Problem(root), Does.Contain(open).And.Contain("without the sticky bit"));
    }

    [Test]
    public void A_root_that_other_users_can_write_to_is_refused()
    {
        var root = Directory.CreateDirectory(Path.Combine(Root, "sandboxes")).FullName;
        File.SetUnixFileMode(root, Everyone);

        Assert.That(SandboxRootCheck.Problem(root), Does.Contain("writable by other users"));
    }
}
