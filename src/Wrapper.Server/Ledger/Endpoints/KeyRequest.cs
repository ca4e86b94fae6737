using System.Text.Json;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Security.Keys;

namespace Wrapper.Server.Ledger.Endpoints;

/// <summary>The body of <c>POST /admin/keys</c>: <c>{"name", "tokens_per_day"?, "requests_per_minute"?, "models"?}</c>, each field checked with its own message.</summary>
internal sealed record KeyRequest(string Name, long? TokensPerDay, int? RequestsPerMinute, IReadOnlyList<string> Models)
{
    public static KeyRequest Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw Invalid("The request body must be a JSON object.", null);
        var name = body.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (ClientKeyNames.Problem(name) is { } problem) throw Invalid(problem, "name");
        return new KeyRequest(name!, Positive(body, "tokens_per_day", long.MaxValue), (int?)Positive(body, "requests_per_minute", 1_000_000), ModelList(body));
    }

    private static long? Positive(JsonElement body, string field, long most)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < 1 || number > most)
            throw Invalid($"'{field}' must be a whole number from 1 to {most}, or absent for no limit.", field);
        return number;
    }

    private static IReadOnlyList<string> ModelList(JsonElement body)
    {
        if (!body.TryGetProperty("models", out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(m.GetString()) || m.GetString()!.Contains(',')))
            throw Invalid("'models' must be an array of model ids (a trailing '*' allows every model with that prefix), or absent for every model.", "models");
        return [.. value.EnumerateArray().Select(m => m.GetString()!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static GatewayException Invalid(string message, string? param) => new(GatewayError.InvalidRequest(message, param));
}
