using System.Text.Json;

namespace Wrapper.Server.Dialects.OpenAiResponses.Contracts;

/// <summary><c>GET /v1/responses/{id}/input_items</c> (https://platform.openai.com/docs/api-reference/responses/input-items).</summary>
internal sealed record InputItemList(IReadOnlyList<JsonElement> Data, string? FirstId, string? LastId, bool HasMore)
{
    public string Object => "list";
}

/// <summary><c>DELETE /v1/responses/{id}</c>'s answer.</summary>
internal sealed record ResponseDeleted(string Id)
{
    public string Object => "response.deleted";
    public bool Deleted => true;
}
