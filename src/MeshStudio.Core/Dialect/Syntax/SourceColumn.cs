namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A column of a relation the query reads (<see cref="RelationRead.Name"/>).</summary>
/// <param name="Masked">
/// The output takes the column only through a function that hides its values (<see cref="Privacy.MaskingFunctions"/>):
/// a hash, or a count.
/// </param>
public sealed record SourceColumn(string Relation, string Column, bool Masked = false);
