namespace Wrapper.Server.Continuation;

/// <summary>CLI processes kept at a tool call for the client's next request (an agent loop's next turn).</summary>
internal sealed record HeldTurnOptions
{
    /// <summary>
    /// Processes held at once; 0 turns continuation off. Each holds one of MAX_CONCURRENT_REQUESTS
    /// (given up when a request needs it) and 250-300 MB while it waits.
    /// </summary>
    [ConfigurationKeyName("HELD_TURNS_MAX")] public int MaxHeld { get; init; } = 4;

    /// <summary>
    /// Seconds a held process waits for the client's tool results before it is ended. An agent's
    /// tools (a build, a test run, the user's approval) often take a minute or more.
    /// </summary>
    [ConfigurationKeyName("HELD_TURN_IDLE_TIMEOUT")] public int IdleTimeoutSeconds { get; init; } = 300;

    /// <summary>
    /// Whether a conversation with earlier turns that no held process continues is written in the CLI's
    /// own session format and resumed (native turns, a stable prefix for the provider's cache) rather
    /// than sent as a transcript in one message. On: the model sees its own tool calls, and the
    /// agent-loop benchmark measured less uncached input (README "Agent loops").
    /// </summary>
    [ConfigurationKeyName("HISTORY_RECONSTRUCTION")] public bool Reconstruct { get; init; } = true;

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);
}
