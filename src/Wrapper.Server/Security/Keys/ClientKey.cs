namespace Wrapper.Server.Security.Keys;

/// <summary>
/// A named client key as stored: its hash, never the key. Null limits are unlimited; an empty model
/// list allows every model.
/// </summary>
internal sealed record ClientKey(string Name, string Hash, long? TokensPerDay, int? RequestsPerMinute, IReadOnlyList<string> Models, DateTimeOffset CreatedAt)
{
    /// <summary>True when the key may use <paramref name="model"/>: listed as is, or under a listed prefix ending in <c>*</c>.</summary>
    public bool Allows(string model) =>
        Models.Count == 0 || Models.Any(allowed => allowed.EndsWith('*')
            ? model.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase)
            : model.Equals(allowed, StringComparison.OrdinalIgnoreCase));
}
