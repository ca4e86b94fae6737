using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;

namespace Wrapper.Server.Core;

/// <summary>
/// <c>MODEL_MAP</c>: glob patterns from the client's model id to the one that is routed
/// (<c>claude-haiku-*=gemini-2.5-flash</c>), so an agent that asks for fixed model names (Claude
/// Code's small and big models) can be served by any CLI. The first matching pattern wins; a
/// <c>-progress</c> suffix stays on the mapped id.
/// </summary>
internal sealed class ModelMap(IOptions<RoutingOptions> options)
{
    private readonly IReadOnlyList<(Regex Pattern, string Target)> _rules = Parse(options.Value.ModelMap);

    public CompletionRequest Apply(CompletionRequest request)
    {
        var mapped = Map(request.CliModel);
        return mapped == request.CliModel ? request : request with { Model = request.ShowProgress ? ProgressModels.WithProgress(mapped) : mapped };
    }

    public string Map(string model) =>
        _rules.FirstOrDefault(rule => rule.Pattern.IsMatch(model)) is { Target: { } target } ? target : model;

    /// <summary>The rules of a <c>MODEL_MAP</c> value (malformed entries are refused at start, see <see cref="FirstMalformed"/>).</summary>
    internal static IReadOnlyList<(Regex Pattern, string Target)> Parse(string? value) =>
        [.. Entries(value).Select(entry => (Glob(entry.Pattern), entry.Target))];

    /// <summary>The first malformed entry of a <c>MODEL_MAP</c> value, or null when every entry is <c>pattern=model</c>.</summary>
    internal static string? FirstMalformed(string? value) =>
        Split(value).FirstOrDefault(entry => entry.Split('=') is not [{ Length: > 0 } pattern, { Length: > 0 } target] || string.IsNullOrWhiteSpace(pattern) || string.IsNullOrWhiteSpace(target));

    private static IEnumerable<(string Pattern, string Target)> Entries(string? value) =>
        Split(value).Select(entry => entry.Split('=')).Where(parts => parts.Length == 2).Select(parts => (parts[0].Trim(), parts[1].Trim()));

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Only * and ? are special; everything else matches itself, case-insensitively as model ids are routed.
    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
