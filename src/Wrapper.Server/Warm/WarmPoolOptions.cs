namespace Wrapper.Server.Warm;

/// <summary>The pool of CLI processes started ahead of their requests. Keys are the environment variable names.</summary>
internal sealed record WarmPoolOptions
{
    /// <summary>Off: every request starts its CLI cold, as before.</summary>
    [ConfigurationKeyName("WARM_POOL_ENABLED")] public bool Enabled { get; init; } = true;

    /// <summary>The providers that use it (comma-separated names); empty: those whose plug-in warms by default.</summary>
    [ConfigurationKeyName("WARM_POOL_PROVIDERS")] public string Providers { get; init; } = "";

    /// <summary>The providers whose plug-in declares a proven warm start (filled from the registered plug-ins).</summary>
    public IReadOnlyCollection<string> PluginDefaults { get; set; } = [];

    /// <summary>Ready processes kept per key (provider, model, system prompt, tools, client).</summary>
    [ConfigurationKeyName("WARM_POOL_SIZE_PER_KEY")] public int SizePerKey { get; init; } = 1;

    /// <summary>Ready processes kept in all; each also takes one of MAX_CONCURRENT_REQUESTS while it waits.</summary>
    [ConfigurationKeyName("WARM_POOL_SIZE_TOTAL")] public int SizeTotal { get; init; } = 2;

    /// <summary>A ready process nobody asked for in this many seconds is stopped.</summary>
    [ConfigurationKeyName("WARM_POOL_IDLE_TIMEOUT")] public int IdleTimeoutSeconds { get; init; } = 600;

    /// <summary>
    /// When a CLI that can be reset (Claude Code, with <c>/clear</c>) serves several requests of its
    /// key in turn. <c>auto</c> (the default): only while requests of its key overlap or wait for a
    /// slot (a parallel burst), where a fresh CLI for each would cost a CPU-bound start-up (Claude
    /// Code 2.1.332 started directly serves about one request a second at 8 in parallel on 2 cores);
    /// a lone agent's turns get fresh pre-started processes. <c>true</c>: always. <c>false</c>: every
    /// warm process serves one request, started ahead of it. The cost of a reuse: Claude Code 2.1.332
    /// puts the record of its <c>/clear</c> (about 500 bytes: a caveat, the command, its empty
    /// output) into the next request it sends upstream, so the model sees that a reset happened.
    /// </summary>
    [ConfigurationKeyName("WARM_POOL_REUSE")] public WarmPoolReuse Reuse { get; init; } = WarmPoolReuse.Auto;

    /// <summary>A reused process serves at most this many requests, then is replaced.</summary>
    [ConfigurationKeyName("WARM_POOL_MAX_USES")] public int MaxUses { get; init; } = 50;

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);

    public bool Covers(string providerName) => Enabled
        && (Providers.Trim().Length == 0 ? PluginDefaults : Providers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Contains(providerName, StringComparer.OrdinalIgnoreCase);
}

/// <summary>WARM_POOL_REUSE: <c>auto</c>, <c>true</c> or <c>false</c> (see <see cref="WarmPoolOptions.Reuse"/>).</summary>
internal enum WarmPoolReuse
{
    Auto,
    True,
    False,
}
