using DuckDB.NET.Data;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Sandbox;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Tests.Sandbox;

public sealed class ArrivalOrderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("arrival-order-").FullName;

    [Fact]
    public void PositionSelect_SegmentsStampedAndUnstampedCompactedFiles_GivesEachRowItsPosition()
    {
        var segment = Write($"{SourceFiles.SegmentPrefix}{30L:D19}-a.ndjson", """{"id": "s"}""");
        var stamped = Write(SourceFiles.CompactedName(DateTime.UnixEpoch, 10, 20, "b") + SourceFiles.DataExtension,
            $$"""{"{{ArrivalOrder.PositionColumn}}": 20, "id": "c"}""");
        var unstamped = Write(SourceFiles.CompactedName(DateTime.UnixEpoch, 1, 5, "c") + SourceFiles.DataExtension, """{"id": "old"}""");

        var rows = Positions([segment, stamped, unstamped]);

        Assert.Equal(new Dictionary<string, long> { ["s"] = 30, ["c"] = 20, ["old"] = 1 }, rows);
    }

    private static Dictionary<string, long> Positions(IEnumerable<string> files)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, {ArrivalOrder.PositionColumn} FROM (SELECT {ArrivalOrder.PositionSelect} FROM read_json(" +
            $"[{string.Join(", ", files.Select(SqlText.PathLiteral))}], format='newline_delimited', " +
            $"columns={{'id': 'VARCHAR', {ArrivalOrder.StampedColumn}}}, {ArrivalOrder.FileNameArgument}))";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, long>();
        while (reader.Read())
            rows[reader.GetString(0)] = reader.GetInt64(1);
        return rows;
    }

    private string Write(string name, string line)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, line + "\n");
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
