namespace Wrapper.Server.Warm;

/// <summary>A request served by a pool process; <paramref name="StartedBefore"/> when the process was ready before it.</summary>
internal sealed record WarmUse(WarmPool Pool, WarmProcess Process, bool StartedBefore);
