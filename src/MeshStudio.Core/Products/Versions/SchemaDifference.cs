namespace MeshStudio.Core.Products.Versions;

/// <summary>One change of a product's output between two versions.</summary>
/// <param name="Column">The column concerned; null for the key or the contract as a whole.</param>
/// <param name="Kind"><c>added</c>, <c>dropped</c>, <c>retyped</c>, <c>key</c> or <c>contract</c>.</param>
/// <param name="Message">What changed, as a consumer reads it.</param>
/// <param name="Breaking">Whether a consumer's query or expectation can break: everything but an added column.</param>
public sealed record SchemaDifference(string? Column, string Kind, string Message, bool Breaking);
