namespace Wrapper.Server.Processes;

/// <summary>How a request's CLI process started.</summary>
internal enum CliStart
{
    /// <summary>With the request.</summary>
    Cold,

    /// <summary>Before the request, unused until now.</summary>
    PreStarted,

    /// <summary>It served an earlier request of the same key and was reset since.</summary>
    Reused,
}
