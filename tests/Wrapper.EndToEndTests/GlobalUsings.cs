// The tests run the Linux builds of the CLIs.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
