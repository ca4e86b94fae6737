namespace Wrapper.Server.Core;

/// <summary>A tool call the assistant made earlier in the conversation, as the client sent it back (fields may be missing).</summary>
internal sealed record HistoryToolCall(string? Id, string? Name, string? Arguments);
