global using NUnit.Framework;
global using Wrapper.TestSupport;

// The tests run the Linux builds of the CLIs.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
