namespace MeshStudio.Core.Execution;

/// <summary>A column of a query result.</summary>
public sealed record ResultColumn(string Name, string Type);
