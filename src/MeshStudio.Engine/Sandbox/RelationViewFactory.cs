using System.Text;
using System.Text.RegularExpressions;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Sandbox;

/// <summary>The view a readable relation becomes, and the folder the session must be allowed to read for it.</summary>
/// <param name="CreateSql">The statements creating the view, in order (two for a filtered relation).</param>
public sealed record RelationView(QualifiedName Name, IReadOnlyList<string> CreateSql, string Directory);

/// <summary>Builds the <c>CREATE VIEW domain.name</c> statement of each kind of relation.</summary>
public static partial class RelationViewFactory
{
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\d*\])*$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleType();

    /// <summary>
    /// Builds the view of <paramref name="relation"/>.
    /// </summary>
    public static RelationView Create(ReadableRelation relation, LakeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(layout);
        var name = relation.Name;
        if (!QualifiedName.IsValidIdentifier(name.Domain) || !QualifiedName.IsValidIdentifier(name.Name))
            throw new ArgumentException($"'{name}' is not a valid relation name.", nameof(relation));
        var target = $"{SqlText.Identifier(name.Domain)}.{SqlText.Identifier(name.Name)}";

        var (body, directory) = relation.Kind switch
        {
            RelationKind.IngestedSource => IngestedSource(relation, layout),
            RelationKind.Product => Product(relation, layout),
            RelationKind.Quarantine => Quarantine(relation, layout),
            _ => throw new ArgumentOutOfRangeException(nameof(relation), relation.Kind, "Unknown relation kind."),
        };
        // New events since a checkpoint are loaded once (expectations, counters and the SELECT all read them); a
        // read from the beginning stays a view over its (bounded) file list, so history is never held in memory.
        var create = relation.Range is { After: > 0 } ? "TABLE" : "VIEW";
        var lateness = relation.Kind == RelationKind.IngestedSource ? relation.Lateness : null;
        if (relation.Filter is null && lateness is null)
            return new RelationView(name, [$"CREATE {create} {target} AS {body}"], directory);
        // Every row stays reachable under a separate name, so a job's expectations can count and quarantine
        // what the filter hides from its SELECT — from the same files, in the same session. With a watermark the
        // rows keep their arrival position there, and the positions' watermarks get a view of their own.
        var unfiltered = UnfilteredName(name);
        var statements = new List<string>
        {
            $"CREATE SCHEMA IF NOT EXISTS {SqlText.Identifier(UnfilteredSchema)}",
            $"CREATE {create} {unfiltered} AS {body}",
        };
        if (lateness is not null)
            statements.Add(ArrivalOrder.CreateWatermarkView(name, lateness, unfiltered));
        var visible = lateness is null ? "*" : $"* EXCLUDE ({ArrivalOrder.PositionColumn})";
        statements.Add($"CREATE VIEW {target} AS SELECT {visible} FROM {unfiltered}{(relation.Filter is null ? "" : $" WHERE {relation.Filter}")}");
        return new RelationView(name, statements, directory);
    }

    internal const string UnfilteredSchema = "__mesh_unfiltered";

    /// <summary>The view with every row of a relation whose view is filtered (<see cref="ReadableRelation.Filter"/>).</summary>
    public static string UnfilteredName(QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return $"{SqlText.Identifier(UnfilteredSchema)}.{SqlText.Identifier($"{name.Domain}.{name.Name}")}";
    }

    private static (string Body, string Directory) IngestedSource(ReadableRelation relation, LakeLayout layout)
    {
        if (relation.Columns is not { Count: > 0 } columns)
            throw new ArgumentException($"Ingested source {relation.Name} needs declared columns.", nameof(relation));
        var directory = layout.SourceDirectory(relation.Name);
        // An explicit list: segments and compacted files, each event exactly once (see SourceFiles).
        var scan = SourceFiles.Scan(directory);
        var files = relation.Range is { } range ? scan.PathsBetween(range.After, range.UpTo) : scan.VisiblePaths.ToList();
        string body;
        if (files.Count > 0)
        {
            var columnMap = string.Join(", ", columns.Select(c => $"{SqlText.Literal(c.Name)}: {SqlText.Literal(CheckedType(c))}"));
            var list = string.Join(", ", files.Select(SqlText.PathLiteral));
            body = relation.Lateness is null
                ? $"SELECT * FROM read_json([{list}], format='newline_delimited', columns={{{columnMap}}})"
                : $"SELECT {ArrivalOrder.PositionSelect} FROM read_json([{list}], format='newline_delimited', columns={{{columnMap}, {ArrivalOrder.StampedColumn}}}, {ArrivalOrder.FileNameArgument})";
        }
        else
        {
            body = relation.Lateness is null
                ? EmptySelect(columns)
                : $"SELECT *, CAST(NULL AS BIGINT) AS {ArrivalOrder.PositionColumn} FROM ({EmptySelect(columns)})";
        }
        return (body, directory);
    }

    private static (string Body, string Directory) Product(ReadableRelation relation, LakeLayout layout)
    {
        if (relation.Location is null)
        {
            // A product whose job has not committed yet: typed and empty when its schema is known, otherwise
            // a view that says so when queried (a session must still open for the job's own first run).
            var empty = relation.Columns is { Count: > 0 } columns
                ? EmptySelect(columns)
                : $"SELECT error({SqlText.Literal($"Product {relation.Name} has no data yet: its job has not committed a snapshot.")}) AS no_data";
            return (empty, layout.ProductDirectory(relation.Name));
        }
        var folder = layout.ResolveLocation(relation.Location);
        var owner = relation.SnapshotOf ?? relation.Name; // an earlier snapshot under a generated name (time travel)
        if (!LakeLayout.IsInside(folder, layout.ProductDirectory(owner)))
            throw new ArgumentException($"Location '{relation.Location}' is not a snapshot of {owner}.", nameof(relation));
        // Every Parquet file below the snapshot folder, Hive partition folders included; files written by
        // different runs are combined by column name.
        var body = $"SELECT * FROM read_parquet({SqlText.PathLiteral(Path.Combine(folder, "**", "*.parquet"))}, union_by_name = true)";
        return (body, folder);
    }

    /// <summary>One run's quarantine folder: only that folder becomes readable.</summary>
    private static (string Body, string Directory) Quarantine(ReadableRelation relation, LakeLayout layout)
    {
        if (string.IsNullOrWhiteSpace(relation.Location))
            throw new ArgumentException($"Quarantine {relation.Name} needs the run's quarantine folder.", nameof(relation));
        var folder = layout.ResolveLocation(relation.Location);
        if (!layout.IsQuarantineFolder(folder))
            throw new ArgumentException($"Location '{relation.Location}' is not a quarantine folder of a product.", nameof(relation));
        var body = $"SELECT * FROM read_parquet({SqlText.PathLiteral(Path.Combine(folder, "*.parquet"))}, union_by_name = true)";
        return (body, folder);
    }

    /// <summary><c>SELECT CAST(NULL AS T) AS "c", … WHERE false</c>: a typed relation with no rows.</summary>
    public static string EmptySelect(IReadOnlyList<ColumnSchema> columns)
    {
        var sb = new StringBuilder("SELECT ");
        sb.AppendJoin(", ", columns.Select(c => $"CAST(NULL AS {CheckedType(c)}) AS {SqlText.Identifier(c.Name)}"));
        sb.Append(" WHERE false");
        return sb.ToString();
    }

    private static string CheckedType(ColumnSchema column)
    {
        var type = column.Type.Trim();
        return SimpleType().IsMatch(type)
            ? type
            : throw new ArgumentException($"Column '{column.Name}' has an unsupported type '{column.Type}'.", nameof(column));
    }
}
