namespace Wrapper.Server.Configuration;

/// <summary>Reads a <c>.env</c> file: <c>KEY=VALUE</c> lines, <c>#</c> comments, optional <c>export</c>, quoted values.</summary>
internal static class DotEnvFile
{
    public static IReadOnlyDictionary<string, string?> Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            var equals = line.IndexOf('=');
            if (equals <= 0) continue;
            var key = line[..equals].Trim();
            values[key] = Unquote(line[(equals + 1)..].Trim());
        }
        return values;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            return value[1..^1];
        // An unquoted value may carry a trailing comment: `PORT=8000 # the default`.
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? value[..comment].TrimEnd() : value;
    }
}
