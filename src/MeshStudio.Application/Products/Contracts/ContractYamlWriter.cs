using MeshStudio.Core.Products.Contracts;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeshStudio.Application.Products.Contracts;

/// <summary>
/// Writes a contract as ODCS v3 YAML: the fields in the standard's order, lists indented, multi-line texts as blocks,
/// texts that would read as something else quoted (<see cref="PlainScalars.NeedsQuotes"/>).
/// </summary>
public static class ContractYamlWriter
{
    public static string Write(DataContract contract)
    {
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false,
            maxSimpleKeyLength: 1024, skipAnchorName: false, indentSequences: true));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, ContractTree.From(contract));
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, ContractValue value)
    {
        switch (value)
        {
            case ContractValue.Scalar scalar:
                emitter.Emit(Scalar(scalar));
                break;
            case ContractValue.Sequence sequence:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (var item in sequence.Items)
                    Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case ContractValue.Mapping mapping:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var field in mapping.Fields)
                {
                    emitter.Emit(Scalar(ContractValue.OfText(field.Name)));
                    Emit(emitter, field.Value);
                }
                emitter.Emit(new MappingEnd());
                break;
        }
    }

    private static Scalar Scalar(ContractValue.Scalar scalar)
    {
        var style = scalar switch
        {
            { Text: var text } when text.Contains('\n', StringComparison.Ordinal) => ScalarStyle.Literal,
            { Quoted: false } => ScalarStyle.Plain,
            _ when PlainScalars.NeedsQuotes(scalar.Text) => ScalarStyle.DoubleQuoted,
            _ => ScalarStyle.Any,
        };
        // An empty plain scalar is null; the emitter would quote it into an empty string.
        var written = scalar is { Quoted: false, Text: "" } ? "null" : scalar.Text;
        return new Scalar(AnchorName.Empty, TagName.Empty, written, style, isPlainImplicit: true, isQuotedImplicit: true);
    }
}
