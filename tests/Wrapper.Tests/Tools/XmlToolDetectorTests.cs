using Wrapper.Server.Dialects.OpenAiChat;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Core;
using Wrapper.Server.Tools;

namespace Wrapper.Tests.Tools;

/// <summary>The XML detector on the clients' real prompt structures and on look-alikes that must not fire.</summary>
public sealed class XmlToolDetectorTests
{
    private readonly XmlToolDetector _detector = new(Options.Create(new XmlToolOptions()));

    [TestCase("roo-3.36-xml-first-turn")]
    [TestCase("cline-3.89-xml-first-turn")]
    [TestCase("cline-3.89-xml-second-turn")]
    [TestCase("cline-3.89-xml-image-turn")]
    public void Fires_on_the_XML_prompts_of_Roo_up_to_3_36_and_legacy_Cline(string sample)
    {
        var verdict = _detector.Assess(Sample(sample));

        Assert.That(verdict.ExpectsXmlTools, Is.True, $"score {verdict.Score}");
    }

    [Test]
    public void Never_fires_when_the_request_carries_tools()
    {
        Assert.That(_detector.Assess(Sample("roo-3.52-native-first-turn")).ExpectsXmlTools, Is.False);
    }

    [Test]
    public void Does_not_fire_for_a_plain_SDK_script()
    {
        Assert.That(_detector.Assess(Sample("openai-sdk-script-basic")).Score, Is.LessThan(5));
    }

    [TestCase("How do I parse XML in Python? For example <root><child_node>1</child_node></root> from config.xml.")]
    [TestCase("Explain this HTML from index.html: <div class=\"x\"><span>hi</span></div>")]
    [TestCase("What does this do?\n```xml\n<read_file>\n<path>a.txt</path>\n</read_file>\n<write_to_file><path>b</path></write_to_file>\n```")]
    [TestCase("In my script I call read_file and then attempt_completion; why is it slow?")]
    [TestCase("Write an XML schema for a library catalogue with <book_title> and <author_name> elements.")]
    public void Does_not_fire_on_questions_about_XML_code_blocks_full_of_tags_or_tool_names_in_prose(string question)
    {
        var request = Request("You are a helpful assistant.", question);

        var verdict = _detector.Assess(request);

        Assert.That(verdict.ExpectsXmlTools, Is.False, $"score {verdict.Score}");
    }

    [Test]
    public void The_threshold_is_a_setting()
    {
        var strict = new XmlToolDetector(Options.Create(new XmlToolOptions { ConfidenceThreshold = 1000 }));

        Assert.That(strict.Assess(Sample("roo-3.36-xml-first-turn")).ExpectsXmlTools, Is.False);
    }

    [Test]
    public void When_it_fires_the_model_is_told_to_answer_with_exactly_one_tool_use_in_that_format()
    {
        var request = Sample("cline-3.89-xml-first-turn") with { ExpectsXmlTools = true };

        Assert.That(ToolInstructions.For(request), Does.Contain("exactly one tool use").And.Contain("XML"));
    }

    private static CompletionRequest Sample(string name)
    {
        var body = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clients", name + ".json")),
            WrapperJson.Context.ChatCompletionRequest)!;
        return ChatRequestValidator.Validate(body);
    }

    private static CompletionRequest Request(string system, string user) => new()
    {
        Model = "claude-x",
        SystemPrompt = system,
        Messages = [new ConversationMessage(ConversationRole.User, user)],
    };
}
