namespace MeshStudio.Application.Products;

/// <summary>How a product's data is downloaded: pages of rows as JSON or CSV, or the current snapshot as one Parquet file.</summary>
public enum ProductDataFormat
{
    Json,
    Csv,
    Parquet,
}
