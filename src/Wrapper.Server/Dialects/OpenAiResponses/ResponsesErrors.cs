using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>The Responses dialect's 4xx errors, in OpenAI's shape with the field as <c>param</c>.</summary>
internal static class ResponsesErrors
{
    public static GatewayException Invalid(string message, string? param) => new(GatewayError.InvalidRequest(message, param));

    /// <summary>An unknown, expired, deleted or another key's response: all the same 404, so ids of other keys are not revealed.</summary>
    public static GatewayError ResponseNotFound(string id, string? param = null) =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", "response_not_found",
            $"Response with id '{id}' not found. Stored responses are kept for RESPONSES_TTL_HOURS, are visible only to the key that created them, and are not kept when sent with \"store\": false.", param);
}
