using MeshStudio.Core.Products;

namespace MeshStudio.Application.Semantics;

/// <summary>One source column named like a semantic type, and its values the type does not know (with counts).</summary>
/// <param name="Source">The source holding the column.</param>
/// <param name="Column">The column, named like the type.</param>
/// <param name="Values">Distinct unmatched values, most frequent first; a few masked examples when <paramref name="Masked"/>.</param>
/// <param name="Masked">True when the viewer may not see the values as they are (not their source, or personal data).</param>
/// <param name="DistinctValues">How many distinct values are unmatched (all of them, not only those listed).</param>
/// <param name="RowsAffected">How many rows hold an unmatched value.</param>
/// <param name="Error">Why the column could not be read (e.g. no files yet), otherwise null.</param>
public sealed record GlossaryUnmatchedColumn(
    QualifiedName Source,
    string Column,
    IReadOnlyList<(string Value, long Count)> Values,
    bool Masked,
    long DistinctValues = 0,
    long RowsAffected = 0,
    string? Error = null);
