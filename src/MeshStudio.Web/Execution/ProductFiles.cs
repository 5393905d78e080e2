using MeshStudio.Engine;

namespace MeshStudio.Web.Execution;

/// <summary>Locates a product snapshot's Parquet file for direct download.</summary>
public sealed class ProductFiles(LakeOptions lake)
{
    public string? SnapshotFile(string? snapshotLocation)
    {
        if (string.IsNullOrEmpty(snapshotLocation) || snapshotLocation.Contains("..", StringComparison.Ordinal))
            return null;
        var folder = Path.GetFullPath(Path.Combine(lake.RootPath, snapshotLocation));
        var file = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.parquet").Order().FirstOrDefault() : null;
        return file;
    }
}
