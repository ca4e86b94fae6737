using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.OpenAiResponses.Contracts;

/// <summary>Source-generated JSON for the Responses dialect: snake_case as the API spells it.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ResponsesRequest))]
[JsonSerializable(typeof(ResponseObject))]
[JsonSerializable(typeof(ResponseStreamEvent))]
[JsonSerializable(typeof(OutputItem))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(InputItemList))]
[JsonSerializable(typeof(ResponseDeleted))]
internal sealed partial class ResponsesJsonContext : JsonSerializerContext;
