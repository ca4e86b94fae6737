using Wrapper.Server.Providers;

namespace Wrapper.Tests.Providers.FifthCli;

internal sealed class FifthOptionsValidator() : CliOptionsValidator<FifthOptions>;
