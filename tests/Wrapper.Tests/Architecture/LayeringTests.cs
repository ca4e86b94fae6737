using System.Reflection;
using System.Text.RegularExpressions;
using Wrapper.TestSupport;

namespace Wrapper.Tests.Architecture;

/// <summary>
/// The layering of docs/ARCHITECTURE.md: the core and everything below it know no wire format, and a
/// dialect knows no CLI. Read from the source (every reference, also inside method bodies) and from the
/// compiled types (every signature), so that neither a <c>using</c> nor a fully qualified name slips through.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>Folders (and namespaces) below the dialects: they see only the neutral request and events.</summary>
    private static readonly string[] BelowTheDialects = ["Core", "Tools", "Providers", "Processes", "Warm"];

    private static readonly string[] Clis = ["Claude", "Gemini", "Qwen", "Codex"];

    private static string ServerSource => Path.Combine(NodePackages.RepositoryRoot, "src", "Wrapper.Server");

    [Test]
    public void No_file_below_the_dialects_names_a_wire_format()
    {
        var offenders = BelowTheDialects
            .SelectMany(folder => CodeLines(Path.Combine(ServerSource, folder)))
            .Where(line => WireFormat().IsMatch(line.Text))
            .Select(line => line.ToString())
            .ToList();

        Assert.That(offenders, Is.Empty, "Parsing and rendering a wire format belongs in Dialects/<Name>/.");
    }

    [Test]
    public void No_dialect_names_a_cli()
    {
        var cli = new Regex($@"\bProviders\.({string.Join('|', Clis)})\b");
        var offenders = CodeLines(Path.Combine(ServerSource, "Dialects"))
            .Where(line => cli.IsMatch(line.Text))
            .Select(line => line.ToString())
            .ToList();

        Assert.That(offenders, Is.Empty, "A dialect talks to the core; CLIs plug in below it.");
    }

    [Test]
    public void No_global_using_brings_a_wire_format_into_every_file()
    {
        var offenders = CodeLines(ServerSource)
            .Where(line => line.Text.TrimStart().StartsWith("global using", StringComparison.Ordinal) && WireFormat().IsMatch(line.Text))
            .Select(line => line.ToString())
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void No_type_below_the_dialects_has_a_wire_type_in_its_signatures()
    {
        var below = BelowTheDialects.Select(folder => $"Wrapper.Server.{folder}").ToArray();
        var offenders = typeof(Wrapper.Server.Core.CompletionRequest).Assembly.GetTypes()
            .Where(type => type.Namespace is { } ns && below.Any(b => ns == b || ns.StartsWith(b + ".", StringComparison.Ordinal)))
            .SelectMany(type => SignatureTypes(type).Where(IsWireType).Select(used => $"{type.FullName} uses {used.FullName}"))
            .Distinct()
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void The_checks_see_the_source_tree_and_would_catch_a_wire_format()
    {
        // Guards the guard: the folders exist and hold code, and the pattern matches the two ways a file names a dialect.
        foreach (var folder in BelowTheDialects)
            Assert.That(CodeLines(Path.Combine(ServerSource, folder)).Count(), Is.GreaterThan(10), folder);
        Assert.That(WireFormat().IsMatch("using Wrapper.Server.Dialects.OpenAiChat.Contracts;"), Is.True);
        Assert.That(WireFormat().IsMatch("var x = new Dialects.OpenAiChat.ChatMessage();"), Is.True);
        Assert.That(WireFormat().IsMatch("using Wrapper.Server.Api.Contracts;"), Is.True);
        Assert.That(IsWireType(typeof(Wrapper.Server.Dialects.OpenAiChat.Contracts.ChatMessage)), Is.True);
    }

    private static bool IsWireType(Type type) =>
        type.Namespace is { } ns && (ns.StartsWith("Wrapper.Server.Dialects", StringComparison.Ordinal) || ns == "Wrapper.Server.Api.Contracts");

    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type>();
        if (type.BaseType is { } baseType) direct.Add(baseType);
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(All).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(All).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info) direct.Add(info.ReturnType);
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
        }
        return direct.SelectMany(Unwrap);
    }

    /// <summary>The type and the element and generic argument types inside it (<c>List&lt;X&gt;</c>, <c>X[]</c>, <c>ref X</c>).</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
            foreach (var inner in Unwrap(element)) yield return inner;
        if (type.IsGenericType)
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrap)) yield return inner;
    }

    private static IEnumerable<SourceLine> CodeLines(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((text, i) => new SourceLine(Path.GetRelativePath(ServerSource, file), i + 1, text)))
            .Where(line => !line.Text.TrimStart().StartsWith("//", StringComparison.Ordinal));

    [GeneratedRegex(@"\bDialects\.|\bApi\.Contracts\b")]
    private static partial Regex WireFormat();

    private sealed record SourceLine(string File, int Number, string Text)
    {
        public override string ToString() => $"{File}:{Number}: {Text.Trim()}";
    }
}
