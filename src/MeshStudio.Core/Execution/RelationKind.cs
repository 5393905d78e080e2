namespace MeshStudio.Core.Execution;

public enum RelationKind
{
    /// <summary>An HTTP-ingested source: newline-delimited JSON segments with declared columns.</summary>
    IngestedSource,
    /// <summary>A file-drop source: files matching a glob under the domain's inbox.</summary>
    FileSource,
    /// <summary>A data product: the Parquet files of its current snapshot.</summary>
    Product,
    /// <summary>The rows a job run's DROP expectations quarantined: the Parquet files of one run's quarantine folder.</summary>
    Quarantine,
}
