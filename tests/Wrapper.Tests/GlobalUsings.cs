// The tests use POSIX tools, signals and file modes; the gateway itself also runs on Windows.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
