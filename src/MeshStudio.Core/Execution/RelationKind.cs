namespace MeshStudio.Core.Execution;

public enum RelationKind
{
    /// <summary>A source (fed over HTTP or by file drop): newline-delimited JSON segments with declared or inferred columns.</summary>
    IngestedSource,
    /// <summary>A data product: the Parquet files of its current snapshot.</summary>
    Product,
    /// <summary>The rows a job run's DROP expectations quarantined: the Parquet files of one run's quarantine folder.</summary>
    Quarantine,
}
