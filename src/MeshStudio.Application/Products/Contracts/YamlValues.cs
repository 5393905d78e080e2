using MeshStudio.Core.Products.Contracts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeshStudio.Application.Products.Contracts;

/// <summary>YAML nodes as <see cref="ContractValue"/>s, keeping whether a scalar was quoted (a string) or plain (typed by its text).</summary>
internal static class YamlValues
{
    public static ContractValue ToValue(YamlNode node) => node switch
    {
        YamlScalarNode s => new ContractValue.Scalar(s.Value ?? "", s.Style is not (ScalarStyle.Plain or ScalarStyle.Any)),
        YamlSequenceNode sequence => new ContractValue.Sequence(sequence.Children.Select(ToValue).ToList()),
        YamlMappingNode mapping => new ContractValue.Mapping(mapping.Children
            .Select(pair => new ContractField(pair.Key is YamlScalarNode { Value: { } key } ? key : pair.Key.ToString(), ToValue(pair.Value)))
            .ToList()),
        _ => throw new ContractFormatException("unsupported YAML node.", checked((int)node.Start.Line), checked((int)node.Start.Column)),
    };
}
