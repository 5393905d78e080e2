using System.Text;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Engine.Ingestion;
using MeshStudio.Engine.Sql;

namespace MeshStudio.Engine.Sandbox;

/// <summary>The view a readable relation becomes, and the folder the session must be allowed to read for it.</summary>
public sealed record RelationView(QualifiedName Name, string CreateSql, string Directory);

/// <summary>Builds the <c>CREATE VIEW domain.name</c> statement of each kind of relation.</summary>
public static partial class RelationViewFactory
{
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\d*\])*$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleType();

    /// <summary>
    /// Builds the view of <paramref name="relation"/>. <paramref name="connection"/> is an unlocked session
    /// used to check whether any file matches (DuckDB's readers fail on an empty glob).
    /// </summary>
    public static RelationView Create(ReadableRelation relation, LakeLayout layout, DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(layout);
        var name = relation.Name;
        if (!QualifiedName.IsValidIdentifier(name.Domain) || !QualifiedName.IsValidIdentifier(name.Name))
            throw new ArgumentException($"'{name}' is not a valid relation name.", nameof(relation));
        var target = $"{SqlText.Identifier(name.Domain)}.{SqlText.Identifier(name.Name)}";

        return relation.Kind switch
        {
            RelationKind.IngestedSource => IngestedSource(relation, layout, target),
            RelationKind.FileSource => FileSource(relation, layout, connection, target),
            RelationKind.Product => Product(relation, layout, target),
            _ => throw new ArgumentOutOfRangeException(nameof(relation), relation.Kind, "Unknown relation kind."),
        };
    }

    private static RelationView IngestedSource(ReadableRelation relation, LakeLayout layout, string target)
    {
        if (relation.Columns is not { Count: > 0 } columns)
            throw new ArgumentException($"Ingested source {relation.Name} needs declared columns.", nameof(relation));
        var directory = layout.SourceDirectory(relation.Name);
        // An explicit list: segments and compacted files, each event exactly once (see SourceFiles).
        var files = SourceFiles.Scan(directory).VisiblePaths.ToList();
        string body;
        if (files.Count > 0)
        {
            var columnMap = string.Join(", ", columns.Select(c => $"{SqlText.Literal(c.Name)}: {SqlText.Literal(CheckedType(c))}"));
            var list = string.Join(", ", files.Select(SqlText.PathLiteral));
            body = $"SELECT * FROM read_json([{list}], format='newline_delimited', columns={{{columnMap}}})";
        }
        else
        {
            body = EmptySelect(columns);
        }
        return new RelationView(relation.Name, $"CREATE VIEW {target} AS {body}", directory);
    }

    private static RelationView FileSource(ReadableRelation relation, LakeLayout layout, DuckDBConnection connection, string target)
    {
        if (string.IsNullOrWhiteSpace(relation.Location))
            throw new ArgumentException($"File source {relation.Name} needs a path under the inbox.", nameof(relation));
        var glob = layout.ResolveInboxGlob(relation.Name.Domain, relation.Location);
        var reader = (relation.Format ?? "json").ToLowerInvariant() switch
        {
            "json" or "ndjson" or "jsonl" => "read_json_auto",
            "csv" => "read_csv_auto",
            "parquet" => "read_parquet",
            var other => throw new ArgumentException($"Unknown file format '{other}' for {relation.Name}.", nameof(relation)),
        };
        string body;
        if (AnyFile(connection, glob))
            body = $"SELECT * FROM {reader}({SqlText.PathLiteral(glob)})";
        else if (relation.Columns is { Count: > 0 } columns)
            body = EmptySelect(columns);
        else
            body = $"SELECT error({SqlText.Literal($"No files match '{relation.Location}' in the {relation.Name.Domain} inbox yet.")}) AS no_data";
        return new RelationView(relation.Name, $"CREATE VIEW {target} AS {body}", layout.InboxDirectory(relation.Name.Domain));
    }

    private static RelationView Product(ReadableRelation relation, LakeLayout layout, string target)
    {
        if (relation.Location is null)
        {
            // A product whose job has not committed yet: typed and empty when its schema is known, otherwise
            // a view that says so when queried (a session must still open for the job's own first run).
            var empty = relation.Columns is { Count: > 0 } columns
                ? EmptySelect(columns)
                : $"SELECT error({SqlText.Literal($"Product {relation.Name} has no data yet: its job has not committed a snapshot.")}) AS no_data";
            return new RelationView(relation.Name, $"CREATE VIEW {target} AS {empty}", layout.ProductDirectory(relation.Name));
        }
        var folder = layout.ResolveLocation(relation.Location);
        if (!LakeLayout.IsInside(folder, layout.ProductDirectory(relation.Name)))
            throw new ArgumentException($"Location '{relation.Location}' is not a snapshot of {relation.Name}.", nameof(relation));
        var body = $"SELECT * FROM read_parquet({SqlText.PathLiteral(Path.Combine(folder, "*.parquet"))})";
        return new RelationView(relation.Name, $"CREATE VIEW {target} AS {body}", folder);
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

    private static bool AnyFile(DuckDBConnection connection, string glob)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM glob({SqlText.PathLiteral(glob)})";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
