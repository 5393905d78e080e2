using System.Globalization;
using MeshStudio.Core.Products.Contracts;
using YamlDotNet.RepresentationModel;

namespace MeshStudio.Application.Products.Contracts;

/// <summary>
/// Reads the fields of one YAML mapping of a contract by name, with the field's path and position in every error;
/// the fields never asked for are its <see cref="Extras"/>, kept as written.
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private YamlFields(YamlMappingNode node, string path)
    {
        _node = node;
        Path = path;
    }

    public string Path { get; }

    /// <summary>The mapping <paramref name="node"/> at <paramref name="path"/>, or an error saying which fields it should have.</summary>
    public static YamlFields Of(YamlNode node, string path, string expected) =>
        node is YamlMappingNode mapping ? new YamlFields(mapping, path) : throw Error(node, path, $"expected {expected}.");

    public static ContractFormatException Error(YamlNode node, string path, string problem) =>
        new(problem, checked((int)node.Start.Line), checked((int)node.Start.Column), path.Length == 0 ? null : path);

    /// <summary>A string field; null when absent or null.</summary>
    public string? Text(string name)
    {
        if (Find(name) is not { } node)
            return null;
        return node is YamlScalarNode scalar
            ? scalar.Value
            : throw Error(node, Child(name), "expected a text value, found " + Describe(node) + ".");
    }

    public string RequiredText(string name) =>
        Text(name) is { Length: > 0 } text ? text : throw Error(Find(name) ?? _node, Child(name), $"the field {name} is required.");

    public bool? Bool(string name) => Find(name) switch
    {
        null => null,
        YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } s
            when PlainScalars.IsBoolean(s.Value!) => s.Value!.Equals("true", StringComparison.OrdinalIgnoreCase),
        var node => throw Error(node, Child(name), "expected true or false, found " + Describe(node) + "."),
    };

    public int? Integer(string name) => Find(name) switch
    {
        null => null,
        YamlScalarNode s when int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
        var node => throw Error(node, Child(name), "expected a whole number, found " + Describe(node) + "."),
    };

    /// <summary>A scalar kept with its quoting (a value that may be a number or a text).</summary>
    public ContractValue.Scalar? Scalar(string name) => Find(name) switch
    {
        null => null,
        YamlScalarNode s => (ContractValue.Scalar)YamlValues.ToValue(s),
        var node => throw Error(node, Child(name), "expected a single value, found " + Describe(node) + "."),
    };

    /// <summary>A number kept as written (<c>mustBe: 0</c>).</summary>
    public string? Number(string name) => Find(name) switch
    {
        null => null,
        YamlScalarNode s when PlainScalars.IsNumber(s.Value!) => s.Value,
        var node => throw Error(node, Child(name), "expected a number, found " + Describe(node) + "."),
    };

    /// <summary>A list field read item by item; empty when absent.</summary>
    public IReadOnlyList<T> List<T>(string name, Func<YamlNode, string, T> item)
    {
        if (Find(name) is not { } node)
            return [];
        if (node is not YamlSequenceNode sequence)
            throw Error(node, Child(name), "expected a list, found " + Describe(node) + ".");
        return sequence.Children.Select((child, i) => item(child, $"{Child(name)}[{i}]")).ToList();
    }

    /// <summary>A list of texts (tags).</summary>
    public IReadOnlyList<string> Texts(string name) => List(name, (node, path) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, path, "expected a text value, found " + Describe(node) + "."));

    /// <summary>The node of a field, present and not null; marks it read.</summary>
    public YamlNode? Find(string name)
    {
        _read.Add(name);
        return _node.Children.TryGetValue(new YamlScalarNode(name), out var node) && !IsNull(node) ? node : null;
    }

    /// <summary>The fields not read, in the order written.</summary>
    public IReadOnlyList<ContractField> Extras() =>
        _node.Children
            .Where(pair => !_read.Contains(KeyOf(pair.Key)))
            .Select(pair => new ContractField(KeyOf(pair.Key), YamlValues.ToValue(pair.Value)))
            .ToList();

    public string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private string KeyOf(YamlNode key) =>
        key is YamlScalarNode { Value: { } name } ? name : throw Error(key, Path, "field names are texts, not lists or mappings.");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any } s && PlainScalars.IsNull(s.Value ?? "");

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };
}
