using MeshStudio.Core.Semantics;

namespace MeshStudio.Catalog.Semantics;

/// <summary>A governed semantic type as stored: its values are one JSON column, always read and written whole.</summary>
public sealed class SemanticTypeEntity
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public List<SemanticValue> Values { get; set; } = [];
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public string UpdatedBy { get; set; } = "";
}
