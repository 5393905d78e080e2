using MeshStudio.Core.Products;

namespace MeshStudio.Application.Lineage;

/// <summary>An output column of a query not deployed yet, with the personal data it would carry.</summary>
/// <param name="Personal">A personal-data class it carries unmasked from upstream.</param>
/// <param name="MaskedPersonal">A personal-data class it carries only masked (hashed, counted).</param>
public sealed record QueryOutput(string Name, PiiKind? Personal, PiiKind? MaskedPersonal);
