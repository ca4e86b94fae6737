namespace Wrapper.TestSupport;

/// <summary>
/// The test gateway starts with the warm pool off: a process kept ready after each request costs a
/// spawn nobody waits for, and leaves processes that other tests' process checks must tell apart.
/// The tests of the pool (and of what it changes) opt in with these settings.
/// </summary>
public static class WarmPoolSettings
{
    /// <summary>The given settings (or none) with <c>WARM_POOL_ENABLED=true</c>.</summary>
    public static Dictionary<string, string?> On(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["WARM_POOL_ENABLED"] = "true" };
        return values;
    }
}
