namespace Wrapper.FakeCli.Scripting;

/// <summary>Token counts the fake reports (FAKE:usage); defaults match a short real answer.</summary>
internal sealed record TokenUsage(long Input = 10, long Output = 3, long CacheRead = 0, long CacheCreation = 0);
