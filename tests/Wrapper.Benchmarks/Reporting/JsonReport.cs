using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.Benchmarks.Reporting;

/// <summary>The same figures as the table, as JSON with sections by name, so that runs can be compared by a script.</summary>
internal static class JsonReport
{
    public static void Write(string path, RunInfo run, IReadOnlyList<SectionResult> sections)
    {
        var sectionsNode = new JsonObject();
        foreach (var section in sections)
        {
            sectionsNode[section.Name] = new JsonObject
            {
                ["title"] = section.Title,
                ["figures"] = new JsonArray([.. section.Figures.Select(Figure)]),
            };
        }
        var root = new JsonObject
        {
            ["started_utc"] = run.StartedUtc.ToString("O"),
            ["quick"] = run.Quick,
            ["cores"] = run.Cores,
            ["os"] = run.Os,
            ["runtime"] = run.Runtime,
            ["sections"] = sectionsNode,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static JsonObject Figure(Figure figure) => new()
    {
        ["name"] = figure.Name,
        ["unit"] = figure.Unit,
        ["p50"] = Number(figure.Value.Median),
        ["p99"] = Number(figure.Value.P99),
        ["samples"] = figure.Value.Count,
        ["target"] = figure.Target?.Text,
        ["met"] = figure.Target?.Met,
    };

    private static JsonNode? Number(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 3));
}
