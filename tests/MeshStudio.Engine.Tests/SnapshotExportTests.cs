using System.Globalization;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Products;

namespace MeshStudio.Engine.Tests;

/// <summary>An appended snapshot holds several files (linked from earlier runs); a download is still one Parquet file.</summary>
public sealed class SnapshotExportTests : IDisposable
{
    private static readonly QualifiedName Copy = new("sales", "order_copy");
    private readonly LakeFixture _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task An_appended_snapshot_of_several_files_downloads_as_one_file_with_every_row()
    {
        var writer = new DuckDbProductWriter(_lake.Options);
        const string select = "SELECT order_id, amount FROM sales.orders";
        var first = await writer.WriteSnapshotAsync(ReplaceRequest.Of(_lake.SalesGrant, select, [], Copy), CancellationToken.None);
        var second = await writer.WriteSnapshotAsync(
            new SnapshotRequest(_lake.SalesGrant, select, [], Copy, [], new SnapshotPlan(SnapshotMode.Append, first.Location), []), CancellationToken.None);

        Assert.Equal(6, second.RowCount);
        Assert.Equal(2, Directory.GetFiles(_lake.PathOf(second.Location), "*.parquet").Length);
        var temp = Path.Combine(_lake.Root, "download.parquet");
        await using (var stream = new SnapshotExport(_lake.Layout).OpenSingleFile(second.Location)!)
        await using (var file = File.Create(temp))
            await stream.CopyToAsync(file);
        var rows = LakeFixture.ScalarUnsandboxed($"SELECT count(*) FROM read_parquet('{temp.Replace('\\', '/')}')");
        Assert.Equal(6L, Convert.ToInt64(rows, CultureInfo.InvariantCulture));
    }

}
