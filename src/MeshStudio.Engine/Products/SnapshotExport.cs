using DuckDB.NET.Data;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Products;

/// <summary>
/// One Parquet file with all rows of a snapshot (which may hold several files and Hive partition folders), for
/// download. The file is written to the system temp folder and deleted when the returned stream is closed.
/// </summary>
public sealed class SnapshotExport(LakeLayout layout)
{
    /// <summary>The snapshot as one Parquet stream; null when the location has no data.</summary>
    public Stream? OpenSingleFile(string location)
    {
        var folder = layout.ResolveLocation(location);
        if (!Directory.Exists(folder))
            return null;
        var files = Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories);
        if (files.Length == 0)
            return null;
        if (files.Length == 1 && Path.GetDirectoryName(files[0]) == folder)
            return new FileStream(files[0], FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        var temp = Path.Combine(Path.GetTempPath(), $"meshstudio-export-{Guid.NewGuid():N}.parquet");
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;";
            command.ExecuteNonQuery();
            var source = SqlText.PathLiteral(Path.Combine(folder, "**", "*.parquet"));
            command.CommandText = $"COPY (SELECT * FROM read_parquet({source}, union_by_name = true)) TO {SqlText.PathLiteral(temp)} (FORMAT parquet)";
            command.ExecuteNonQuery();
        }
        return new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.DeleteOnClose);
    }
}
