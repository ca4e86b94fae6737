namespace Wrapper.Server.Processes;

/// <summary>How the conversation's earlier turns reached the request's CLI.</summary>
internal enum HistoryMode
{
    /// <summary>In the request's input (a transcript, or nothing for a first turn).</summary>
    Fresh,

    /// <summary>The process already held them: it waited at its tool calls for this request's results.</summary>
    Continued,

    /// <summary>Written in the CLI's own session format and resumed by a new process.</summary>
    Reconstructed,
}

internal static class HistoryModes
{
    /// <summary>How the request log and the debug view name the mode: "continued", "reconstructed" or "fresh".</summary>
    public static string Label(this HistoryMode mode) => mode switch
    {
        HistoryMode.Continued => "continued",
        HistoryMode.Reconstructed => "reconstructed",
        _ => "fresh",
    };
}
