using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;
using Parquet;
using Parquet.Schema;

namespace MeshStudio.Engine.Tests;

/// <summary>
/// Reads a Parquet file's schema and row count with Parquet.Net, independently of DuckDB: tests check with it what
/// the product writer really stored (exact types).
/// </summary>
public static class ParquetInspector
{
    public static async Task<ParquetFileInfo> InspectAsync(string file, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var stream = File.OpenRead(file);
        await using (stream.ConfigureAwait(false))
            return await InspectAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inspects a seekable stream, e.g. an uploaded file.</summary>
    public static async Task<ParquetFileInfo> InspectAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = false }, true, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var physical = PhysicalTypeNames(reader.Metadata?.Schema);
            var columns = reader.Schema.Fields
                .Select(f => new ColumnSchema(f.Name, f is DataField && physical.TryGetValue(f.Name, out var type) ? type : TypeName(f)))
                .ToList();
            long rows = 0;
            for (var i = 0; i < reader.RowGroupCount; i++)
            {
                using var group = reader.OpenRowGroupReader(i);
                rows += group.RowCount;
            }
            return new ParquetFileInfo(columns, rows);
        }
    }

    /// <summary>
    /// DuckDB type names of top-level columns that Parquet.Net's CLR types do not tell apart: BYTE_ARRAY without a
    /// string (or other) annotation is raw bytes (Parquet.Net surfaces them as strings), an INTERVAL is not a TIME,
    /// and nanosecond timestamps are not microsecond ones.
    /// </summary>
    private static Dictionary<string, string> PhysicalTypeNames(List<Parquet.Meta.SchemaElement>? schema)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (schema is not { Count: > 1 })
            return result;
        var index = 1;
        var topLevel = schema[0].NumChildren ?? 0;
        for (var i = 0; i < topLevel && index < schema.Count; i++)
        {
            var element = schema[index];
            if (element.NumChildren is null or 0 && PhysicalTypeName(element) is { } type)
                result[element.Name] = type;
            index = Skip(schema, index);
        }
        return result;
    }

    private static string? PhysicalTypeName(Parquet.Meta.SchemaElement element) => element switch
    {
        { Type: Parquet.Meta.Type.BYTE_ARRAY, ConvertedType: null, LogicalType: null } => "BLOB",
        { ConvertedType: Parquet.Meta.ConvertedType.INTERVAL } => "INTERVAL",
        { LogicalType.TIMESTAMP.Unit.NANOS: not null } => element.LogicalType.TIMESTAMP.IsAdjustedToUTC ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP_NS",
        _ => null,
    };

    /// <summary>The index after the element at <paramref name="index"/> and all its descendants.</summary>
    private static int Skip(List<Parquet.Meta.SchemaElement> schema, int index)
    {
        var children = schema[index].NumChildren ?? 0;
        index++;
        for (var i = 0; i < children && index < schema.Count; i++)
            index = Skip(schema, index);
        return index;
    }

    /// <summary>The DuckDB type name of a Parquet field.</summary>
    public static string TypeName(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field switch
        {
            ListField list => TypeName(list.Item) + "[]",
            MapField map => $"MAP({TypeName(map.Key)}, {TypeName(map.Value)})",
            StructField st => $"STRUCT({string.Join(", ", st.Fields.Select(f => $"{SqlText.Identifier(f.Name)} {TypeName(f)}"))})",
            DecimalDataField d => $"DECIMAL({d.Precision},{d.Scale})",
            DateTimeDataField { DateTimeFormat: DateTimeFormat.Date } => "DATE",
            DateTimeDataField dt => dt.IsAdjustedToUTC ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP",
            DataField data => (data.IsArray ? ScalarName(data) + "[]" : ScalarName(data)),
            _ => "VARCHAR",
        };
    }

    private static string ScalarName(DataField field)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        return type switch
        {
            _ when type == typeof(string) => "VARCHAR",
            _ when type == typeof(bool) => "BOOLEAN",
            _ when type == typeof(sbyte) => "TINYINT",
            _ when type == typeof(byte) => "UTINYINT",
            _ when type == typeof(short) => "SMALLINT",
            _ when type == typeof(ushort) => "USMALLINT",
            _ when type == typeof(int) => "INTEGER",
            _ when type == typeof(uint) => "UINTEGER",
            _ when type == typeof(long) => "BIGINT",
            _ when type == typeof(ulong) => "UBIGINT",
            _ when type == typeof(float) => "FLOAT",
            _ when type == typeof(double) => "DOUBLE",
            _ when type == typeof(decimal) => "DECIMAL(38,18)",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "TIMESTAMP",
            _ when type == typeof(DateOnly) => "DATE",
            _ when type == typeof(TimeOnly) || type == typeof(TimeSpan) => "TIME",
            _ when type == typeof(Guid) => "UUID",
            _ when type == typeof(byte[]) => "BLOB",
            _ when type == typeof(System.Numerics.BigInteger) => "HUGEINT",
            _ => "VARCHAR",
        };
    }
}
