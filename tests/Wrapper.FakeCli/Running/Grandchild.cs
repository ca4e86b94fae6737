using System.Diagnostics;

namespace Wrapper.FakeCli.Running;

/// <summary>
/// FAKE:spawn-child: a long sleeper that, like a CLI's Node or native helper, inherits our stdout
/// and stderr. Killing only the fake therefore leaves the pipe open; the gateway must kill the tree.
/// </summary>
internal static class Grandchild
{
    public static int Start()
    {
        var sleep = File.Exists("/bin/sleep") ? "/bin/sleep" : "sleep";
        using var process = Process.Start(new ProcessStartInfo(sleep, ["600"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start the grandchild");
        return process.Id;
    }
}
