namespace Wrapper.Server.Providers;

/// <summary>
/// A provider whose CLI can list the models it knows without a network call; /v1/models adds them
/// (those the provider serves) to its catalogue.
/// </summary>
internal interface ICliModelReporter
{
    /// <summary>The arguments that make the CLI print its model list on stdout.</summary>
    IReadOnlyList<string> ModelListArguments { get; }

    /// <summary>The model ids in that output; none when it cannot be read.</summary>
    IReadOnlyList<string> ReadModelList(string output);
}
