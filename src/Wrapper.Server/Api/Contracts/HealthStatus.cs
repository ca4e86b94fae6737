namespace Wrapper.Server.Api.Contracts;

internal sealed record HealthStatus(string Status);
