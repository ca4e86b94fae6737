using Wrapper.Server.Tools.Web;

namespace Wrapper.Tests.Tools.Web;

/// <summary>A page as the model reads it through web_fetch: its text, never its scripts or styles.</summary>
public sealed class HtmlTextTests
{
    private static readonly Uri Page = new("https://example.com/docs/page.html");

    [Test]
    public void Scripts_styles_and_hidden_elements_are_dropped_and_headings_paragraphs_and_lists_kept()
    {
        var (title, text) = HtmlText.Convert("""
            <html><head><title> The   Title </title><style>.a{color:red}</style><script>alert("x")</script></head>
            <body><noscript>enable js</noscript><h2>Section  one</h2><p>First
            paragraph.</p><p>Second <b>bold</b> paragraph.</p><ul><li>alpha</li><li>beta</li></ul>
            <div hidden>secret</div><svg><text>drawing</text></svg></body></html>
            """, Page);

        Assert.That(title, Is.EqualTo("The Title"));
        Assert.That(text, Is.EqualTo("## Section one\n\nFirst paragraph.\n\nSecond bold paragraph.\n\n- alpha\n- beta"));
    }

    [Test]
    public void Links_are_kept_with_absolute_URLs_and_fragment_or_script_links_as_plain_text()
    {
        var (_, text) = HtmlText.Convert("""
            <p>Read <a href="../guide/intro.html">the guide</a>, <a href="#top">back up</a>, <a href="javascript:run()">run</a>
            or <a href="https://other.example/x">https://other.example/x</a>.</p>
            """, Page);

        Assert.That(text, Is.EqualTo("Read [the guide](https://example.com/guide/intro.html), back up, run or https://other.example/x."));
    }

    [Test]
    public void Table_rows_become_lines_of_cells_and_pre_keeps_its_whitespace()
    {
        var (_, text) = HtmlText.Convert("""
            <table><tr><th>Port</th><th>High</th></tr><tr><td>Example</td><td>14:07</td></tr></table>
            <pre>line 1
              indented</pre>
            """, Page);

        Assert.That(text, Is.EqualTo("Port | High\nExample | 14:07\n\nline 1\n  indented"));
    }

    [Test]
    public void Broken_markup_still_reads_as_text()
    {
        var (title, text) = HtmlText.Convert("<p>unclosed <i>italic<p>next", Page);

        Assert.That(title, Is.Null);
        Assert.That(text, Is.EqualTo("unclosed italic\n\nnext"));
    }
}
