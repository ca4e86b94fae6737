using Wrapper.Server.Providers.Codex;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>
/// The models Codex 0.169.0 reports with <c>codex debug models --bundled</c> (the recording keeps each
/// model's identifying fields; the real output adds instructions and runs to about 750 KB).
/// </summary>
public sealed class CodexModelCatalogTests
{
    [Test]
    public void Listed_api_models_are_read_and_hidden_ones_left_out()
    {
        var models = new CodexModelCatalog().Read(string.Join('\n', Fixture.Lines("codex/codex-debug-models-bundled.json")));

        Assert.That(models, Does.Contain("gpt-5.5").And.Contain("gpt-6-astra"));
        Assert.That(models, Does.Not.Contain("gpt-daybreak-blue-latest").And.Not.Contain("codex-auto-review"), "visibility hide");
    }

    [Test]
    public void A_model_codex_marks_as_not_for_the_api_is_left_out()
    {
        var models = new CodexModelCatalog().Read("""{"models":[{"slug":"gpt-a","visibility":"list","supported_in_api":false},{"slug":"gpt-b","visibility":"list"}]}""");

        Assert.That(models, Is.EqualTo(new[] { "gpt-b" }));
    }

    [TestCase("codex-cli 0.169.0")]
    [TestCase("{\"type\":\"thread.started\"}\n{\"type\":\"turn.started\"}")]
    [TestCase("{\"data\":[]}")]
    public void Output_in_another_shape_gives_no_models(string output) =>
        Assert.That(new CodexModelCatalog().Read(output), Is.Empty);
}
