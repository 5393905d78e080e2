using MeshStudio.Core.Semantics;

namespace MeshStudio.Catalog.Semantics;

/// <summary>
/// One version of a semantic type: its values as they became, and the change from the version before. Kept by the
/// type's name, so a removed type keeps its history.
/// </summary>
public sealed class SemanticTypeVersionEntity
{
    public int Id { get; set; }
    public required string TypeName { get; set; }
    public int Version { get; set; }
    public string Description { get; set; } = "";
    public List<SemanticValue> Values { get; set; } = [];
    /// <summary>One line per change (a value or synonym added or removed, the description changed); empty for a removal's content.</summary>
    public string Changes { get; set; } = "";
    public bool Removed { get; set; }
    public DateTime ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}
