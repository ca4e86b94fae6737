using System.Globalization;
using System.Text;

namespace Wrapper.Server.Diagnostics;

/// <summary>
/// Client-controlled text as one request log line may hold it: control characters (and the Unicode
/// line and paragraph separators) as <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\uXXXX</c>, and a
/// backslash doubled, so that a <c>%0A</c> in a path cannot start a forged line.
/// </summary>
internal static class RequestLogText
{
    public static string? Escape(string? text)
    {
        if (text is null || !text.Any(NeedsEscape)) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case '\n': escaped.Append(@"\n"); break;
                case '\r': escaped.Append(@"\r"); break;
                case '\t': escaped.Append(@"\t"); break;
                case var other when NeedsEscape(other):
                    escaped.Append(@"\u").Append(((int)other).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\\' or '\u2028' or '\u2029';
}
