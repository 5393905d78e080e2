namespace MeshStudio.Core.Products.Contracts;

/// <summary>ODCS quality rule; a job's expectations become rules of <c>type: sql</c>.</summary>
public sealed record ContractQualityRule
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    /// <summary>text, library, sql or custom.</summary>
    public string? Type { get; init; }
    public string? Dimension { get; init; }
    /// <summary>The library metric (<c>nullValues</c>, <c>rowCount</c>, …) for <c>type: library</c>.</summary>
    public string? Metric { get; init; }
    /// <summary>The SQL that measures the rule for <c>type: sql</c>.</summary>
    public string? Query { get; init; }
    /// <summary>The value the measure must have (a number as written).</summary>
    public string? MustBe { get; init; }
    /// <summary>What a violation means, e.g. error, warning, info.</summary>
    public string? Severity { get; init; }
    public IReadOnlyList<ContractField> Extras { get; init; } = [];
}
