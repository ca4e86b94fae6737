// Wrapper with the official OpenAI .NET SDK: a plain answer, a streamed answer, and a tool call.
// Settings: WRAPPER_BASE_URL (default http://127.0.0.1:8000/v1), WRAPPER_API_KEY (the gateway's
// API_KEY, if it has one), WRAPPER_MODEL (default claude-sonnet-4-5). WRAPPER_PROMPT_SUFFIX is added
// to every prompt (the project's tests use it to script their fake CLI).
using System.ClientModel;
using OpenAI;
using OpenAI.Chat;

var baseUrl = Environment.GetEnvironmentVariable("WRAPPER_BASE_URL") ?? "http://127.0.0.1:8000/v1";
var apiKey = Environment.GetEnvironmentVariable("WRAPPER_API_KEY") ?? "not-needed";
var model = Environment.GetEnvironmentVariable("WRAPPER_MODEL") ?? "claude-sonnet-4-5";
var suffix = Environment.GetEnvironmentVariable("WRAPPER_PROMPT_SUFFIX") ?? "";
var client = new ChatClient(model, new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(baseUrl) });

// 1. A plain answer.
ChatCompletion answer = await client.CompleteChatAsync(
    new SystemChatMessage("Be brief."),
    new UserChatMessage("In one sentence: what is a gateway?" + suffix));
Console.WriteLine($"answer: {answer.Content[0].Text}");
Console.WriteLine($"usage: {answer.Usage.InputTokenCount} in, {answer.Usage.OutputTokenCount} out");

// 2. A streamed answer, printed as it arrives.
Console.Write("stream: ");
await foreach (var update in client.CompleteChatStreamingAsync(new UserChatMessage("Count from one to five." + suffix)))
    foreach (var part in update.ContentUpdate) Console.Write(part.Text);
Console.WriteLine();

// 3. A tool the model may call; the client (this program) would run it and send the result back.
var weather = ChatTool.CreateFunctionTool("get_weather", "Current weather for a city.",
    BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
ChatCompletion toolAnswer = await client.CompleteChatAsync(
    [new UserChatMessage("What is the weather in Paris?" + suffix)], new ChatCompletionOptions { Tools = { weather } });
if (toolAnswer.FinishReason == ChatFinishReason.ToolCalls)
    foreach (var call in toolAnswer.ToolCalls) Console.WriteLine($"tool call: {call.FunctionName}({call.FunctionArguments})");
else
    Console.WriteLine($"no tool call: {toolAnswer.Content[0].Text}");
