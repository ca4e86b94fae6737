namespace Wrapper.Server.Providers.Claude;

internal sealed partial class ClaudeProvider : ICliAuthReporter
{
    public string AuthSource() => ClaudeAuth.Source(configuration);
}
