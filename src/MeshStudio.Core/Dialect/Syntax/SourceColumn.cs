namespace MeshStudio.Core.Dialect.Syntax;

/// <summary>A column of a relation the query reads (<see cref="RelationRead.Name"/>).</summary>
public sealed record SourceColumn(string Relation, string Column);
