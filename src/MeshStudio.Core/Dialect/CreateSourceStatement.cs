using MeshStudio.Core.Products;

namespace MeshStudio.Core.Dialect;

/// <summary><c>CREATE SOURCE d.s (col TYPE, …) WITH (key = 'value', …)</c>.</summary>
/// <param name="Name">The source.</param>
/// <param name="Columns">Declared columns; empty means infer from the data.</param>
/// <param name="Options">WITH options, keys lower-cased, e.g. format, ingest, path, event_time, watermark.</param>
public sealed record CreateSourceStatement(
    QualifiedName Name,
    IReadOnlyList<ColumnSchema> Columns,
    IReadOnlyDictionary<string, string> Options) : MeshStatement
{
    public string Format => Options.GetValueOrDefault("format", "json");

    /// <summary>A source with a <c>path</c> is a file drop; otherwise it is fed over HTTP.</summary>
    public bool IsFileSource => Options.ContainsKey("path");
}
