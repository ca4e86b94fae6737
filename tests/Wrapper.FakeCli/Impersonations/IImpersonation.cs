namespace Wrapper.FakeCli.Impersonations;

/// <summary>One CLI the fake can pass for: its argv conventions and its output format.</summary>
internal interface IImpersonation
{
    string Name { get; }

    /// <summary>Exactly what the real CLI prints for its version flag.</summary>
    string Version { get; }

    /// <summary>True when argv looks like a call to this CLI (checked in catalog order).</summary>
    bool Recognizes(IReadOnlyList<string> args);

    bool IsVersionRequest(IReadOnlyList<string> args);

    /// <summary>The file the CLI would read its system prompt from, if argv names one.</summary>
    string? SystemPromptPath(IReadOnlyList<string> args);

    /// <summary>Writes the CLI's output for the turn and returns its exit code; may never return (hang).</summary>
    Task<int> RunAsync(FakeTurn turn);
}
