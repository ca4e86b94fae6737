using System.Text.Json;

namespace Wrapper.Server.Providers;

/// <summary>The prelude every JSON-lines output parser shares: one line, one event object, or nothing.</summary>
internal static class JsonLines
{
    /// <summary>
    /// The line as a JSON document, or false for anything that is not an event object (the CLIs print
    /// stray lines, warnings and progress between their events): such lines are ignored, not errors.
    /// </summary>
    public static bool TryParse(string line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonDocument? document)
    {
        document = null;
        if (!line.StartsWith('{')) return false;
        try { document = JsonDocument.Parse(line); }
        catch (JsonException) { return false; }
        return true;
    }
}
