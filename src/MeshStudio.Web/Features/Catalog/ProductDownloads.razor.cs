using MeshStudio.Core.Products;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Catalog;

/// <summary>
/// The product's data as files: CSV and JSON (its first rows) and Parquet (the current snapshot), each an attachment
/// from the product data route, which checks access and audits the download like any other.
/// </summary>
public sealed partial class ProductDownloads
{
    /// <summary>The route's largest page.</summary>
    public const int MaxRows = Api.ProductEndpoints.MaxPageSize;

    [Parameter, EditorRequired]
    public QualifiedName Product { get; set; } = null!;

    [Parameter]
    public bool CanReadData { get; set; }

    [Parameter]
    public bool HasData { get; set; }

    [Parameter]
    public long RowCount { get; set; }

    private sealed record DownloadFile(string Format, string Label, string Url, string FileName);

    private IEnumerable<DownloadFile> Files =>
    [
        new("csv", "CSV", AppUrls.ProductDownload(Product, "csv", MaxRows), $"{Product}-page1.csv"),
        new("json", "JSON", AppUrls.ProductDownload(Product, "json", MaxRows), $"{Product}-page1.json"),
        new("parquet", "Parquet", AppUrls.ProductDownload(Product, "parquet", MaxRows), $"{Product}.parquet"),
    ];

    private string Caption => RowCount > MaxRows
        ? $"CSV and JSON hold the first {MaxRows:N0} of {RowCount:N0} rows (page through the REST API for the rest); Parquet is the whole current snapshot."
        : "CSV and JSON hold every row; Parquet is the current snapshot as one file.";
}
