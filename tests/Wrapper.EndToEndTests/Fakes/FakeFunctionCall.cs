namespace Wrapper.EndToEndTests.Fakes;

/// <summary>A function call a fake model answers with: the tool's name as the request offered it, and its arguments as JSON.</summary>
internal sealed record FakeFunctionCall(string Name, string Arguments);
