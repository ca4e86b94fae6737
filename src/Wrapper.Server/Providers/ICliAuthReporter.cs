namespace Wrapper.Server.Providers;

/// <summary>A provider that can tell which credentials its CLI would use (for <c>GET /v1/auth/status</c>).</summary>
internal interface ICliAuthReporter
{
    /// <summary>An environment variable's name, "oauth login in ~/.x" or "none"; never a secret's value.</summary>
    string AuthSource();
}
