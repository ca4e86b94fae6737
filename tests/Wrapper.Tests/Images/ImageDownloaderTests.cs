using System.Net;
using Wrapper.Server.Images;

namespace Wrapper.Tests.Images;

public sealed class ImageDownloaderTests
{
    [TestCase("127.0.0.1", false)]
    [TestCase("10.1.2.3", false)]
    [TestCase("172.16.0.1", false)]
    [TestCase("192.168.1.10", false)]
    [TestCase("169.254.169.254", false)]
    [TestCase("100.64.0.1", false)]
    [TestCase("0.0.0.0", false)]
    [TestCase("::1", false)]
    [TestCase("fe80::1", false)]
    [TestCase("fd00::1", false)]
    [TestCase("::ffff:127.0.0.1", false)]
    [TestCase("93.184.216.34", true)]
    [TestCase("2606:4700::1111", true)]
    public void Only_public_addresses_are_reachable(string address, bool isPublic) =>
        Assert.That(ImageDownloader.IsPublic(IPAddress.Parse(address)), Is.EqualTo(isPublic));
}
