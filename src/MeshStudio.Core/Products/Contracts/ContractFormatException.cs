namespace MeshStudio.Core.Products.Contracts;

/// <summary>A contract document that cannot be read: what is wrong, where (1-based line and column) and in which field.</summary>
public sealed class ContractFormatException(string problem, int line, int column, string? path = null)
    : Exception(path is null ? $"Line {line}, column {column}: {problem}" : $"Line {line}, column {column} ({path}): {problem}")
{
    public string Problem { get; } = problem;
    public int Line { get; } = line;
    public int Column { get; } = column;
    /// <summary>The field, e.g. <c>schema[0].properties[2].required</c>; null for a syntax error.</summary>
    public string? Path { get; } = path;
}
