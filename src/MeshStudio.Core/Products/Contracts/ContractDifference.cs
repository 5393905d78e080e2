namespace MeshStudio.Core.Products.Contracts;

/// <summary>One way a job's output breaks its product's contract.</summary>
/// <param name="Column">The column concerned; null for the key or the schema object.</param>
/// <param name="Kind">missing, type, key, nullable or object.</param>
/// <param name="Message">What the contract promises and what the job would write.</param>
public sealed record ContractDifference(string? Column, string Kind, string Message);
