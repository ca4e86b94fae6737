namespace Wrapper.Server.Providers;

/// <summary>
/// Lists the models a provider's CLI knows (or what its aliases mean), without a model call; /v1/models adds them (those the
/// provider serves) to its catalogue. Registered beside the provider it belongs to.
/// </summary>
internal interface ICliModelReporter
{
    /// <summary>The <see cref="ICliProvider.Name"/> of the provider whose CLI this asks.</summary>
    string ProviderName { get; }

    /// <summary>The arguments that make the CLI print its model list on stdout.</summary>
    IReadOnlyList<string> Arguments { get; }

    /// <summary>What the CLI reads on stdin for it (then closed); empty for none.</summary>
    string StandardInput => "";

    /// <summary>The model ids in that output; none when it cannot be read.</summary>
    IReadOnlyList<string> Read(string output);
}
