using System.Text.Json;

namespace Wrapper.Server.Security;

/// <summary>Reads <c>CORS_ORIGINS</c>: a JSON array of strings or a comma-separated list.</summary>
internal static class CorsOrigins
{
    public static bool TryParse(string? value, out IReadOnlyList<string> origins)
    {
        origins = [];
        var text = (value ?? "").Trim();
        if (text.StartsWith('['))
        {
            try
            {
                var list = JsonSerializer.Deserialize(text, SecurityJsonContext.Default.StringArray);
                if (list is null || list.Any(string.IsNullOrWhiteSpace)) return false;
                origins = list.Select(o => o.Trim().TrimEnd('/')).ToArray();
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
        origins = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(o => o.TrimEnd('/')).ToArray();
        return true;
    }

    public static bool AllowsAny(IReadOnlyList<string> origins) => origins.Contains("*");
}
