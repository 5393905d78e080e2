namespace MeshStudio.Engine.Query;

/// <summary>Maps the type names DuckDB.NET reports (<c>BigInt</c>, <c>TimestampTz</c>) to DuckDB SQL type names.</summary>
public static class DuckDbTypeNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Boolean"] = "BOOLEAN",
        ["TinyInt"] = "TINYINT",
        ["SmallInt"] = "SMALLINT",
        ["Integer"] = "INTEGER",
        ["BigInt"] = "BIGINT",
        ["HugeInt"] = "HUGEINT",
        ["UnsignedTinyInt"] = "UTINYINT",
        ["UnsignedSmallInt"] = "USMALLINT",
        ["UnsignedInteger"] = "UINTEGER",
        ["UnsignedBigInt"] = "UBIGINT",
        ["UnsignedHugeInt"] = "UHUGEINT",
        ["Float"] = "FLOAT",
        ["Double"] = "DOUBLE",
        ["Decimal"] = "DECIMAL",
        ["Varchar"] = "VARCHAR",
        ["Blob"] = "BLOB",
        ["Date"] = "DATE",
        ["Time"] = "TIME",
        ["TimeTz"] = "TIME WITH TIME ZONE",
        ["Timestamp"] = "TIMESTAMP",
        ["TimestampS"] = "TIMESTAMP_S",
        ["TimestampMs"] = "TIMESTAMP_MS",
        ["TimestampNs"] = "TIMESTAMP_NS",
        ["TimestampTz"] = "TIMESTAMP WITH TIME ZONE",
        ["Interval"] = "INTERVAL",
        ["Uuid"] = "UUID",
        ["List"] = "LIST",
        ["Array"] = "ARRAY",
        ["Struct"] = "STRUCT",
        ["Map"] = "MAP",
        ["Union"] = "UNION",
        ["Enum"] = "ENUM",
        ["Bit"] = "BIT",
        ["VarInt"] = "VARINT",
        ["BigNum"] = "BIGNUM",
    };

    public static string ToSqlName(string providerName) =>
        Names.TryGetValue(providerName, out var name) ? name : providerName.ToUpperInvariant();
}
