namespace MeshStudio.Application.Products;

/// <summary>A spooled CSV result (<see cref="CsvSpool"/>): the file, read from the start, and why rows were left out, if they were.</summary>
/// <param name="TruncatedBy"><c>rows</c> (more rows than asked for: there is more) or <c>bytes</c> (the result byte limit), or null.</param>
public sealed record CsvFile(Stream Content, string? TruncatedBy);
