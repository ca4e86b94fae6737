namespace Wrapper.Server.Diagnostics;

/// <summary>Carries a <see cref="GatewayError"/> from deep in the pipeline to the endpoint that reports it.</summary>
internal sealed class GatewayException(GatewayError error) : Exception(error.Message)
{
    public GatewayError Error { get; } = error;
}
