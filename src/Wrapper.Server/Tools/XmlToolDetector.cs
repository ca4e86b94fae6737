using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;

namespace Wrapper.Server.Tools;

/// <summary>
/// Decides whether a request without <c>tools</c> comes from a client that expects tool uses as XML
/// tags in the text (Roo Code up to 3.36, legacy Cline for most model ids), by the seed's confidence
/// scoring: code blocks are stripped first; high indicators score 3, medium 2, low 1; negative ones
/// subtract; evidence in the system prompt earns a bonus. At the threshold, the model is told to
/// answer with exactly one tool use in that format. The phrases are the clients' own
/// (docs/clients/REPORT.md §3).
/// </summary>
internal sealed partial class XmlToolDetector(IOptions<XmlToolOptions> options)
{
    private const double SystemBonus = 2;

    private static readonly Regex[] High =
    [
        FormattedWithXmlTags(), ToolUseFormattingHeader(), OneToolPerMessage(), ToolNameAsTagName(),
    ];

    private readonly XmlToolOptions _options = options.Value;
    private readonly Regex _knownToolName = new(
        $@"\b({string.Join('|', options.Value.KnownToolList.Select(Regex.Escape))})\b", RegexOptions.Compiled);

    public XmlToolVerdict Assess(CompletionRequest request)
    {
        if (request.Tools.Count > 0) return new XmlToolVerdict(0, false);
        var system = Score(StripCode(request.SystemPrompt ?? ""));
        var conversation = Score(StripCode(string.Join("\n", request.Messages.Where(m => m.Role == ConversationRole.User).Select(m => m.Text))));
        var score = system + conversation + (system >= 3 ? SystemBonus : 0);
        return new XmlToolVerdict(score, score >= _options.ConfidenceThreshold);
    }

    internal double Score(string text)
    {
        if (text.Length == 0) return 0;
        double score = High.Count(pattern => pattern.IsMatch(text)) * 3;

        var known = _options.KnownToolList;
        var taggedTools = known.Count(tool => text.Contains($"<{tool}>", StringComparison.Ordinal));
        score += Math.Min(taggedTools, 2) * 3;                                            // tool definitions as tags
        var namedTools = _knownToolName.Matches(text).Select(m => m.Value).Distinct().Count();
        score += Math.Min(namedTools, 2) * 2;                                              // known tool names
        if (ToolsHeader().IsMatch(text) || UsageBlock().IsMatch(text)) score += 2;         // tool lists and usage instructions
        score += Math.Min(CompoundTag().Matches(text).Count, 3);                           // <snake_case> tags
        if (ToolOrXmlWord().IsMatch(text)) score += 1;

        score -= Math.Min(FileExtension().Matches(text).Count, 3);                         // talk about .xml/.html files
        if (XmlAsSubject().IsMatch(text)) score -= 2;                                      // questions about XML or HTML itself
        return score;
    }

    private static string StripCode(string text) => InlineCode().Replace(CodeBlock().Replace(text, " "), " ");

    [GeneratedRegex(@"formatted using XML-style tags", RegexOptions.IgnoreCase)]
    private static partial Regex FormattedWithXmlTags();

    [GeneratedRegex(@"^#+\s*Tool Use Formatting", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ToolUseFormattingHeader();

    [GeneratedRegex(@"(exactly one tool per message|one tool per message|every assistant message must include a tool (call|use))", RegexOptions.IgnoreCase)]
    private static partial Regex OneToolPerMessage();

    [GeneratedRegex(@"tool name (itself becomes|is enclosed in)", RegexOptions.IgnoreCase)]
    private static partial Regex ToolNameAsTagName();

    [GeneratedRegex(@"^#+\s*(Tools|Available Tools)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ToolsHeader();

    [GeneratedRegex(@"Usage:\s*\n\s*<[a-z_]+>", RegexOptions.IgnoreCase)]
    private static partial Regex UsageBlock();

    [GeneratedRegex(@"<[a-z]+(_[a-z]+)+>")]
    private static partial Regex CompoundTag();

    [GeneratedRegex(@"\b(tool use|tool call|XML)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ToolOrXmlWord();

    [GeneratedRegex(@"\w\.(xml|html?|xhtml|svg)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FileExtension();

    [GeneratedRegex(@"\b(parse|parsing|validate|convert|serialize|write|explain|escape)\b[^.?!\n]{0,40}\b(XML|HTML)\b|\b(XML|HTML) (file|document|parser|schema|element|attribute)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex XmlAsSubject();

    [GeneratedRegex(@"```.*?```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}

/// <summary>The detector's score and whether it reached the threshold.</summary>
internal sealed record XmlToolVerdict(double Score, bool ExpectsXmlTools);
