namespace Wrapper.Server.Dialects.Streaming;

/// <summary>The intervals a stream runs on: keepalive comments and the first progress marker.</summary>
internal sealed record StreamTimings(TimeSpan KeepaliveInterval, TimeSpan ProgressInterval);
