namespace Wrapper.Server.Api.Contracts;

/// <summary><c>{"error":{"message","type","param","code"}}</c>, OpenAI's error body.</summary>
internal sealed record ErrorResponse(ErrorBody Error);

internal sealed record ErrorBody(string Message, string Type, string? Param, string? Code);
