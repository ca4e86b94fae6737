using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Dialects.Streaming;

/// <summary>Reads a dialect's JSON body; what cannot be read is a 400 (or 413) saying where and why.</summary>
internal static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken)
                ?? throw new GatewayException(GatewayError.InvalidRequest("The request body must be a JSON object.", null, "invalid_json"));
        }
        catch (JsonException e)
        {
            var param = JsonPaths.ToParam(e.Path);
            var where = param is null ? "" : $" at '{param}'";
            throw new GatewayException(GatewayError.InvalidRequest(
                $"The request body is not valid{where}: {JsonPaths.Describe(e)}", param, "invalid_json"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new GatewayException(new GatewayError(e.StatusCode, "invalid_request_error", "request_too_large",
                "The request body is larger than MAX_REQUEST_BODY_BYTES allows."));
        }
    }
}
