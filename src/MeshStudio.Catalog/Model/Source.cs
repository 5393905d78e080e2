using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Catalog.Model;

/// <summary>A stream or file set a domain ingests (CREATE SOURCE).</summary>
public sealed class Source
{
    public int Id { get; set; }
    public int DomainId { get; set; }
    public MeshDomain? Domain { get; set; }
    public required string Name { get; set; }
    public SourceKind Kind { get; set; }
    /// <summary><c>json</c>, <c>csv</c> or <c>parquet</c>.</summary>
    public string Format { get; set; } = "json";
    /// <summary>For file sources: glob relative to the domain inbox.</summary>
    public string? Path { get; set; }
    public string? EventTimeColumn { get; set; }
    public List<ColumnSchema> Columns { get; set; } = [];
    /// <summary>True when <see cref="Columns"/> were inferred from the first file (a file source declared without columns).</summary>
    public bool SchemaInferred { get; set; }
    /// <summary>The CREATE SOURCE text it was deployed from.</summary>
    public string Definition { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
