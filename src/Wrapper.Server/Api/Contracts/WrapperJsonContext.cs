using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using System.Text.Json.Serialization;

namespace Wrapper.Server.Api.Contracts;

/// <summary>Source-generated JSON for every wire type: snake_case names as the OpenAI API spells them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(List<ContentPart>))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelEntry))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(AuthStatus))]
internal sealed partial class WrapperJsonContext : JsonSerializerContext;
