using Parquet;
using Parquet.Schema;

namespace MeshStudio.Engine.Products;

/// <summary>
/// Column statistics of a snapshot, read with Parquet.Net from the footers of its files (no row is read, no SQL
/// session is opened): the footers DuckDB writes hold each row group's row count and, per column, null count,
/// minimum and maximum. Hive partition columns live in folder names, not in the files: they are listed apart.
/// </summary>
public sealed class SnapshotStatistics(LakeLayout layout)
{
    /// <summary>The statistics of every column of the snapshot at <paramref name="location"/>; null when it holds no file.</summary>
    public async Task<IReadOnlyList<ColumnStatistics>?> ReadAsync(string location, CancellationToken cancellationToken) =>
        (await ReadFootersAsync(location, cancellationToken))?.Columns;

    /// <summary>The snapshot's rows, files, row groups, column statistics and partition columns; null when it holds no file.</summary>
    public async Task<SnapshotFooters?> ReadFootersAsync(string location, CancellationToken cancellationToken)
    {
        var folder = layout.ResolveLocation(location);
        if (!Directory.Exists(folder))
            return null;
        var files = Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories);
        if (files.Length == 0)
            return null;
        Array.Sort(files, StringComparer.Ordinal);
        var columns = new List<ColumnStatisticsBuilder>();
        long rows = 0;
        var groups = 0;
        foreach (var file in files)
        {
            var (fileRows, fileGroups) = await AddFileAsync(file, columns, rows, cancellationToken).ConfigureAwait(false);
            rows += fileRows;
            groups += fileGroups;
        }
        return new SnapshotFooters(rows, files.Length, groups, columns.Select(c => c.Build()).ToList(), Partitions(folder, files));
    }

    /// <summary>The <c>name=value</c> folders between the snapshot folder and its files, with their distinct values.</summary>
    private static List<PartitionColumn> Partitions(string folder, string[] files)
    {
        var values = new List<(string Name, HashSet<string> Values)>();
        foreach (var file in files)
        {
            var folders = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!).Split(Path.DirectorySeparatorChar);
            foreach (var part in folders.Where(f => f.Contains('=', StringComparison.Ordinal)))
            {
                var name = part[..part.IndexOf('=', StringComparison.Ordinal)];
                var entry = values.FirstOrDefault(v => v.Name == name);
                if (entry.Values is null)
                    values.Add(entry = (name, new HashSet<string>(StringComparer.Ordinal)));
                entry.Values.Add(part[(name.Length + 1)..]);
            }
        }
        return values.Select(v => new PartitionColumn(v.Name, v.Values.Count)).ToList();
    }

    /// <summary>Adds one file's row groups; returns its row count and number of row groups.</summary>
    private static async Task<(long Rows, int Groups)> AddFileAsync(string file, List<ColumnStatisticsBuilder> columns, long rowsBefore, CancellationToken cancellationToken)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        await using (stream.ConfigureAwait(false))
        {
            var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = false }, true, cancellationToken)
                .ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                foreach (var field in reader.Schema.Fields.Where(f => columns.All(c => c.Name != f.Name)))
                {
                    var column = new ColumnStatisticsBuilder(field.Name);
                    column.AddMissing(rowsBefore); // earlier files did not have it
                    columns.Add(column);
                }
                var fields = reader.Schema.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
                long rows = 0;
                for (var i = 0; i < reader.RowGroupCount; i++)
                {
                    using var group = reader.OpenRowGroupReader(i);
                    rows += group.RowCount;
                    foreach (var column in columns)
                    {
                        if (!fields.TryGetValue(column.Name, out var field))
                            column.AddMissing(group.RowCount);
                        else if (field is DataField { IsArray: false } data)
                            column.Add(group.RowCount, StatisticValues.Of(data, group.GetStatistics(data)));
                        else
                            column.AddUnknown(group.RowCount);
                    }
                }
                return (rows, reader.RowGroupCount);
            }
        }
    }
}
