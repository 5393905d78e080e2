using MeshStudio.Core.Products;

namespace MeshStudio.Core.Governance.Policies;

/// <summary>One output column as the policies see it.</summary>
/// <param name="Type">DuckDB type name, or null when not known (while typing, before the query binds).</param>
/// <param name="Description">Null when the column has none.</param>
/// <param name="Personal">The personal-data class it carries unmasked (its own flag or through lineage).</param>
/// <param name="MaskedPersonal">A personal-data class it carries only masked (hashed or counted).</param>
/// <param name="Offset">Where the column is named in the checked text, when there is one.</param>
public sealed record SubjectColumn(
    string Name,
    string? Type = null,
    string? Description = null,
    PiiKind? Personal = null,
    PiiKind? MaskedPersonal = null,
    int? Offset = null)
{
    public static SubjectColumn From(ColumnSchema column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return new SubjectColumn(column.Name, column.Type, column.Description, column.Pii);
    }
}
