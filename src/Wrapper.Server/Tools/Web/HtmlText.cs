using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Wrapper.Server.Tools.Web;

/// <summary>
/// A page's readable text for a model: scripts, styles and other non-content elements dropped,
/// headings as <c>#</c> lines, list items as <c>-</c> lines, links as <c>[text](url)</c> with the URL
/// made absolute, paragraphs and table rows on lines of their own, whitespace collapsed except in
/// <c>pre</c>. Parsed as browsers parse HTML (AngleSharp), so broken markup still reads sensibly.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "head", "math", "select", "button",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "ul", "ol", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "form", "figure", "figcaption", "address", "details", "summary", "fieldset", "hr", "body",
    };

    /// <summary>The page's title (null when it has none) and its text.</summary>
    public static (string? Title, string Text) Convert(string html, Uri pageUrl)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new TextWriter(pageUrl);
        text.Walk(document.Body ?? document.DocumentElement);
        var title = Collapse(document.Title ?? "").Trim();
        return (title.Length > 0 ? title : null, text.ToString());
    }

    private static string Collapse(string text)
    {
        var collapsed = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) space = true;
            else
            {
                if (space) collapsed.Append(' ');
                space = false;
                collapsed.Append(c);
            }
        }
        if (space) collapsed.Append(' ');
        return collapsed.ToString();
    }

    private sealed class TextWriter(Uri pageUrl)
    {
        private readonly StringBuilder _text = new();
        private int _preformatted;

        public void Walk(INode? node)
        {
            if (node is null) return;
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        Inline(_preformatted > 0 ? text.Data : Collapse(text.Data));
                        break;
                    case IElement element:
                        Element(element);
                        break;
                }
            }
        }

        private void Element(IElement element)
        {
            var name = element.LocalName;
            if (Dropped.Contains(name) || element.HasAttribute("hidden")) return;
            switch (name)
            {
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    Break(blank: true);
                    _text.Append('#', name[1] - '0').Append(' ');
                    Walk(element);
                    Break(blank: true);
                    return;
                case "li":
                    Break(blank: false);
                    _text.Append("- ");
                    Walk(element);
                    Break(blank: false);
                    return;
                case "br":
                    Break(blank: false);
                    return;
                case "tr":
                    Break(blank: false);
                    Walk(element);
                    Break(blank: false);
                    return;
                case "td" or "th":
                    if (_text.Length > 0 && _text[^1] != '\n') _text.Append(" | ");
                    Walk(element);
                    return;
                case "pre":
                    Break(blank: true);
                    _preformatted++;
                    Walk(element);
                    _preformatted--;
                    Break(blank: true);
                    return;
                case "a" when Link(element.GetAttribute("href")) is { } url:
                    var start = _text.Length;
                    Walk(element);
                    var label = _text.ToString(start, _text.Length - start).Trim();
                    if (label.Length == 0) return;
                    _text.Length = start;
                    Inline(label == url ? url : $"[{label}]({url})");
                    return;
                case "img" when element.GetAttribute("alt") is { Length: > 0 } alt:
                    Inline($"[image: {Collapse(alt).Trim()}]");
                    return;
            }
            var block = Blocks.Contains(name);
            if (block) Break(blank: name is not ("div" or "dt" or "dd" or "thead" or "tbody" or "tfoot"));
            Walk(element);
            if (block) Break(blank: name is not ("div" or "dt" or "dd" or "thead" or "tbody" or "tfoot"));
        }

        private string? Link(string? href)
        {
            if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#')) return null;
            return Uri.TryCreate(pageUrl, href.Trim(), out var url) && url.Scheme is "http" or "https" ? url.AbsoluteUri : null;
        }

        private void Inline(string text)
        {
            if (text.Length == 0) return;
            var atLineStart = _text.Length == 0 || _text[^1] == '\n';
            if (_preformatted == 0 && (atLineStart || _text[^1] == ' ')) text = text.TrimStart();
            _text.Append(text);
        }

        /// <summary>Ends the current line (and leaves a blank line after it for a paragraph-like block).</summary>
        private void Break(bool blank)
        {
            while (_text.Length > 0 && _text[^1] == ' ') _text.Length--;
            if (_text.Length == 0) return;
            if (_text[^1] != '\n') _text.Append('\n');
            if (blank && (_text.Length < 2 || _text[^2] != '\n')) _text.Append('\n');
        }

        public override string ToString() => _text.ToString().Trim();
    }
}
