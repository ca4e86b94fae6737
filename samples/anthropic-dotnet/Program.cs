// Wrapper with the official Anthropic .NET SDK (NuGet "Anthropic"), through the gateway's Messages
// API: a plain answer, a streamed answer, and a tool call. Settings: WRAPPER_BASE_URL (default
// http://127.0.0.1:8000, without /v1: the SDK adds it), WRAPPER_API_KEY (the gateway's API_KEY, if it
// has one; sent as x-api-key), WRAPPER_MODEL (default claude-sonnet-4-5; any model the gateway serves
// or maps with MODEL_MAP). WRAPPER_PROMPT_SUFFIX is added to every prompt (the project's tests use
// it to script their fake CLI).
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;

var client = new AnthropicClient
{
    BaseUrl = Environment.GetEnvironmentVariable("WRAPPER_BASE_URL") ?? "http://127.0.0.1:8000",
    ApiKey = Environment.GetEnvironmentVariable("WRAPPER_API_KEY") ?? "not-needed",
};
var model = Environment.GetEnvironmentVariable("WRAPPER_MODEL") ?? "claude-sonnet-4-5";
var suffix = Environment.GetEnvironmentVariable("WRAPPER_PROMPT_SUFFIX") ?? "";

// 1. A plain answer.
var answer = await client.Messages.Create(new MessageCreateParams
{
    Model = model,
    MaxTokens = 1024,
    System = "Be brief.",
    Messages = [new UserMessageParam { Content = "In one sentence: what is a gateway?" + suffix }],
});
Console.WriteLine($"answer: {string.Concat(answer.Content.Select(b => b.TryPickText(out var text) ? text.Text : ""))}");
Console.WriteLine($"usage: {answer.Usage.InputTokens} in, {answer.Usage.OutputTokens} out");

// 2. A streamed answer, printed as it arrives.
Console.Write("stream: ");
await foreach (var streamEvent in client.Messages.CreateStreaming(new MessageCreateParams
{
    Model = model,
    MaxTokens = 1024,
    Messages = [new UserMessageParam { Content = "Count from one to five." + suffix }],
}))
{
    if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece)) Console.Write(piece.Text);
}
Console.WriteLine();

// 3. A tool the model may call; the client (this program) would run it and send a tool_result back.
Tool weather = new()
{
    Name = "get_weather",
    Description = "Current weather for a city.",
    InputSchema = new InputSchema
    {
        Properties = new Dictionary<string, JsonElement> { ["city"] = JsonDocument.Parse("""{"type":"string"}""").RootElement },
        Required = ["city"],
    },
};
var toolAnswer = await client.Messages.Create(new MessageCreateParams
{
    Model = model,
    MaxTokens = 1024,
    Tools = [weather],
    Messages = [new UserMessageParam { Content = "What is the weather in Paris?" + suffix }],
});
var calls = toolAnswer.Content.Select(b => b.TryPickToolUse(out var use) ? use : null).OfType<ToolUseBlock>().ToList();
foreach (var call in calls) Console.WriteLine($"tool call: {call.Name}({JsonSerializer.Serialize(call.Input)})");
if (calls.Count == 0) Console.WriteLine("no tool call");
