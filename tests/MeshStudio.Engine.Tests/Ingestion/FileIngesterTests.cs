using System.Text;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Ingestion.Files;

namespace MeshStudio.Engine.Tests.Ingestion;

/// <summary>File-drop ingestion on a real lake folder, real DuckDB and real files.</summary>
public sealed class FileIngesterTests : IDisposable
{
    private static readonly QualifiedName Customers = new("crm", "customers");

    private readonly LakeFixture _lake = new();
    private readonly FileIngester _ingester;
    private readonly List<SchemaReconciliation> _schemaUpdates = [];
    private IReadOnlyList<ColumnSchema> _columns = [];
    private bool _inferred;

    public FileIngesterTests()
    {
        _ingester = new FileIngester(_lake.Options, new FileEventStore(_lake.Options), TimeProvider.System) { BatchRows = 2 };
    }

    public void Dispose() => _lake.Dispose();

    private string Inbox => _lake.Layout.InboxDirectory("crm");

    private FileSourceSpec Spec(string format, string glob = "customers/*") => new(Customers, format, glob, _columns, _inferred);

    private InboxFile Drop(string relative, string content) => Drop(relative, Encoding.UTF8.GetBytes(content));

    private InboxFile Drop(string relative, byte[] content)
    {
        var path = Path.Combine(Inbox, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return InboxFile.Of(Inbox, path);
    }

    private Task<FileIngestResult> IngestAsync(string format, InboxFile file) =>
        _ingester.IngestAsync(Spec(format), file, (schema, _) =>
        {
            _schemaUpdates.Add(schema);
            _inferred |= _columns.Count == 0;
            _columns = schema.Columns;
            return Task.CompletedTask;
        }, CancellationToken.None);

    private List<string> StoredLines() =>
        SourceFiles.Scan(_lake.Layout.SourceDirectory(Customers)).VisiblePaths.SelectMany(File.ReadAllLines).ToList();

    /// <summary>Reads the source the way jobs do: its segments with its columns.</summary>
    private object? Query(string select)
    {
        var files = string.Join(", ", SourceFiles.Scan(_lake.Layout.SourceDirectory(Customers)).VisiblePaths.Select(p => $"'{p}'"));
        var columns = string.Join(", ", _columns.Select(c => $"'{c.Name}': '{c.Type}'"));
        return LakeFixture.ScalarUnsandboxed(
            $"WITH src AS (SELECT * FROM read_json([{files}], format='newline_delimited', columns={{{columns}}})) {select}");
    }

    [Fact]
    public async Task Csv_FirstFile_InfersSchemaStoresRowsAndMovesTheFile()
    {
        var file = Drop("customers/a.csv", "id,name,signup,score,vip\n1,Ann,2026-03-01 10:00:00,1.5,true\n2,\"Bo, Jr.\",2026-03-02 11:00:00,2,false\n3,Cy,,,\n");

        var result = await IngestAsync("csv", file);

        Assert.Null(result.Reason);
        Assert.Equal(3, result.Rows);
        Assert.Equal(0, result.QuarantinedRows);
        Assert.Equal(
            ["id INTEGER", "name VARCHAR", "signup TIMESTAMP", "score DOUBLE", "vip BOOLEAN"],
            _columns.Select(c => $"{c.Name} {c.Type}"));
        Assert.Equal(3L, Convert.ToInt64(Query("SELECT count(*) FROM src"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Bo, Jr.", Query("SELECT name FROM src WHERE id = 2"));
        Assert.False(File.Exists(file.FullPath));
        Assert.True(File.Exists(Path.Combine(Inbox, "_ingested", "customers", "a.csv")));
        Assert.Equal(new FileIngestCounters(1, 3, 0, 0, _ingester.Counters(Customers).LastFileAt), _ingester.Counters(Customers));
    }

    [Fact]
    public async Task JsonLines_BadLines_GoToQuarantineWithLineAndReason_GoodLinesAreStored()
    {
        var oversized = "{\"id\": 9, \"name\": \"" + new string('x', TextRecords.MaxLineBytes + 10) + "\"}";
        var file = Drop("customers/b.jsonl",
            "{\"id\": 1, \"name\": \"Ann\"}\n" +
            "{\"id\": 2, \"name\": \n" +
            "[1, 2]\n" +
            oversized + "\n" +
            "\n" +
            "{\"id\": 3, \"name\": \"Cy\", \"extra\": {\"a\": 1}}\n");

        var result = await IngestAsync("json", file);

        Assert.Equal(2, result.Rows);
        Assert.Equal(3, result.QuarantinedRows);
        Assert.StartsWith("line 2: malformed JSON", result.Reasons[0], StringComparison.Ordinal);
        Assert.Equal("line 3: expected a JSON object, got a JSON array.", result.Reasons[1]);
        Assert.Equal("line 4: the line is longer than 1024 KiB.", result.Reasons[2]);
        var quarantined = _ingester.ReadQuarantine(Customers, 10);
        Assert.Equal([2L, 3L, 4L], quarantined.Select(q => q.Line!.Value));
        Assert.All(quarantined, q => Assert.Equal("customers/b.jsonl", q.File));
        Assert.True(quarantined[2].Raw!.Length <= TextRecords.MaxPreviewChars + 1);
        Assert.Equal("{\"a\": 1}", Query("SELECT extra FROM src WHERE id = 3"));
    }

    /// <summary>A Parquet file of <paramref name="select"/>'s rows dropped into the customers folder of the inbox.</summary>
    private InboxFile DropParquet(string name, string select)
    {
        var path = Path.Combine(Inbox, "customers", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        LakeFixture.ExecuteUnsandboxed($"COPY ({select}) TO '{path}' (FORMAT parquet)");
        return InboxFile.Of(Inbox, path);
    }

    [Fact]
    public async Task Parquet_IsReadWithItsTypes()
    {
        var result = await IngestAsync("parquet", DropParquet("c.parquet",
            "SELECT * FROM (VALUES (1::BIGINT, 'Ann', TIMESTAMP '2026-03-01 10:00:00'), (2, 'Bo', NULL)) t(id, name, ts)"));

        Assert.Equal(2, result.Rows);
        Assert.Equal(["id BIGINT", "name VARCHAR", "ts TIMESTAMP"], _columns.Select(c => $"{c.Name} {c.Type}"));
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0), Query("SELECT ts FROM src WHERE id = 1"));
    }

    [Fact]
    public async Task Parquet_ExactWideNumbers_KeepTheirTypeAndEveryDigit()
    {
        await IngestAsync("parquet", DropParquet("exact.parquet",
            "SELECT 123456789012345678901234567.89::DECIMAL(38,2) AS amount, 99999999999999999999999999999999999999::DECIMAL(38,0) AS whole"));

        Assert.Equal(["amount DECIMAL(38,2)", "whole DECIMAL(38,0)"], _columns.Select(c => $"{c.Name} {c.Type}"));
        Assert.Equal("123456789012345678901234567.89", Query("SELECT CAST(amount AS VARCHAR) FROM src"));
        Assert.Equal("99999999999999999999999999999999999999", Query("SELECT CAST(whole AS VARCHAR) FROM src"));
    }

    [Fact]
    public async Task Drift_NewColumnIsAdded_WiderTypeWidens_DeclaredTypeKeepsAndQuarantinesBadValues()
    {
        await IngestAsync("csv", Drop("customers/1.csv", "id,score\n1,2\n"));
        Assert.Equal(["id INTEGER", "score INTEGER"], _columns.Select(c => $"{c.Name} {c.Type}"));

        var second = await IngestAsync("csv", Drop("customers/2.csv", "id,score,country\n3000000000,2.5,NL\n"));

        Assert.Equal(
            [new SchemaChange("id", "INTEGER", "BIGINT"), new SchemaChange("score", "INTEGER", "DOUBLE"), new SchemaChange("country", null, "VARCHAR")],
            second.SchemaChanges);
        Assert.Equal(2.5, Query("SELECT score FROM src WHERE id = 3000000000"));
        Assert.Equal(DBNull.Value, Query("SELECT country FROM src WHERE id = 1"));

        // The schema is inferred, so text in a number column widens it to VARCHAR.
        var third = await IngestAsync("csv", Drop("customers/3.csv", "id,score\n4,high\n"));
        Assert.Equal([new SchemaChange("score", "DOUBLE", "VARCHAR")], third.SchemaChanges);
        Assert.Equal("2.5", Query("SELECT score FROM src WHERE id = 3000000000"));

        // A declared type is a contract: values that do not fit are row errors, the type stays.
        _columns = [new ColumnSchema("id", "BIGINT"), new ColumnSchema("amount", "DOUBLE")];
        _inferred = false;
        var declared = await IngestAsync("csv", Drop("customers/4.csv", "id,amount\n5,1.25\n6,lots\n7,\n"));
        Assert.Empty(declared.SchemaChanges);
        Assert.Equal(2, declared.Rows);
        Assert.Equal("line 3: field \"amount\" must be DOUBLE, got \"lots\"", Assert.Single(declared.Reasons));
    }

    [Fact]
    public async Task Csv_WrongFieldCountAndTruncatedEnd_AreQuarantinedRows()
    {
        var result = await IngestAsync("csv", Drop("customers/t.csv", "id,name\n1,Ann\n2,Bo,extra\n3,\"Cy"));

        Assert.Equal(1, result.Rows);
        Assert.Equal(
            ["line 3: expected 2 fields, found 3.", "line 4: a quoted field is not closed before the end of the file (the file may be truncated)."],
            result.Reasons);
    }

    [Fact]
    public async Task CorruptParquetAndBinaryFiles_AreQuarantinedWhole()
    {
        var parquet = await IngestAsync("parquet", Drop("customers/bad.parquet", [(byte)'P', (byte)'A', (byte)'R', (byte)'1', 1, 2, 3, 4]));
        var binary = await IngestAsync("csv", Drop("customers/bin.csv", [0x1f, 0x8b, 0, 0, 1, 2]));

        Assert.True(parquet.FileQuarantined);
        Assert.Contains("cannot be read", parquet.Reason, StringComparison.Ordinal);
        Assert.True(binary.FileQuarantined);
        Assert.Contains("binary", binary.Reason, StringComparison.Ordinal);
        Assert.Empty(StoredLines());
        var kept = Directory.GetFiles(Path.Combine(_lake.Layout.SourceDirectory(Customers), "_quarantine", "files"));
        Assert.Equal(2, kept.Length);
        Assert.Equal(2, _ingester.Counters(Customers).QuarantinedFiles);
        Assert.Equal(2, _ingester.ReadQuarantine(Customers, 10).Count(q => q.Line is null));
    }

    [Fact]
    public async Task CrashAfterAppendBeforeLedger_RetryStoresEveryRowExactlyOnce()
    {
        var file = Drop("customers/big.csv", "id\n1\n2\n3\n4\n5\n"); // batches of 2: [1,2] [3,4] [5]
        _ingester.AfterAppend = batch =>
        {
            if (batch == 1)
                throw new IOException("simulated crash after the second batch was stored");
        };

        await Assert.ThrowsAsync<IOException>(() => IngestAsync("csv", file));
        Assert.Equal(4, StoredLines().Count);
        Assert.True(File.Exists(file.FullPath));

        _ingester.AfterAppend = null;
        var retry = await IngestAsync("csv", file);

        Assert.Equal(5, retry.Rows);
        var ids = StoredLines().Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["{\"id\":1", "{\"id\":2", "{\"id\":3", "{\"id\":4", "{\"id\":5"], ids.Order(StringComparer.Ordinal));
        Assert.Equal(5, _ingester.Counters(Customers).Rows);
    }

    [Fact]
    public async Task SameFileSeenAgainAfterAnInterruptedMove_IsNotIngestedTwice()
    {
        var file = Drop("customers/a.csv", "id\n1\n");
        await IngestAsync("csv", file);
        // The move is undone as if the process had died right before it.
        File.Move(Path.Combine(Inbox, "_ingested", "customers", "a.csv"), file.FullPath);
        File.SetLastWriteTimeUtc(file.FullPath, file.ModifiedUtc);

        var again = await IngestAsync("csv", InboxFile.Of(Inbox, file.FullPath));

        Assert.True(again.AlreadyIngested);
        Assert.Single(StoredLines());
        Assert.False(File.Exists(file.FullPath));
    }

    [Fact]
    public void Pending_MatchesTheGlob_SkipsIngestedAndHiddenFiles()
    {
        Drop("customers/a.csv", "id\n1\n");
        Drop("customers/.partial.csv", "id\n1\n");
        Drop("other/b.csv", "id\n1\n");
        Drop("_ingested/customers/old.csv", "id\n1\n");

        var pending = _ingester.Pending(Spec("csv", "customers/*.csv"), TimeSpan.Zero);

        Assert.Equal(["customers/a.csv"], pending.Select(p => p.RelativePath));
        Assert.Equal(["customers/a.csv", "other/b.csv"], _ingester.Pending(Spec("csv", "**/*.csv"), TimeSpan.Zero).Select(p => p.RelativePath));
    }

    [Theory]
    [InlineData("INTEGER", "BIGINT", "BIGINT")]
    [InlineData("BIGINT", "DOUBLE", "DOUBLE")]
    [InlineData("DOUBLE", "INTEGER", "DOUBLE")]
    [InlineData("DATE", "TIMESTAMP", "TIMESTAMP")]
    [InlineData("BOOLEAN", "INTEGER", "VARCHAR")]
    [InlineData("TIMESTAMP", "VARCHAR", "VARCHAR")]
    public void Join_FollowsTheLattice(string a, string b, string expected) => Assert.Equal(expected, SourceSchema.Join(a, b));
}
