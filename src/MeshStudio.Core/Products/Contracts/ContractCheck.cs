namespace MeshStudio.Core.Products.Contracts;

/// <summary>
/// Compares what a job would write (its output columns as DuckDB types them, its key, the columns its expectations keep
/// free of nulls) with what the product's contract promises. Added columns are compatible; everything else that
/// differs breaks a consumer and is listed.
/// </summary>
public static class ContractCheck
{
    public static IReadOnlyList<ContractDifference> Compare(
        DataContract contract, string product, IReadOnlyList<ColumnSchema> output, IReadOnlyList<string> key, IReadOnlySet<string> notNull)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(output);
        if (contract.Schema.Count == 0)
            return [];
        if (contract.ObjectFor(product) is not { } promised)
            return [new ContractDifference(null, "object", $"The contract describes no schema object named {product}.")];

        var differences = new List<ContractDifference>();
        var written = output.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var property in promised.Properties)
        {
            if (!written.TryGetValue(property.Name, out var column))
            {
                differences.Add(new(property.Name, "missing", $"Column {property.Name} is in the contract but the job does not write it."));
                continue;
            }
            if (TypeChange(property, column) is { } change)
                differences.Add(new(property.Name, "type", change));
            if (property.Required == true && !notNull.Contains(property.Name))
                differences.Add(new(property.Name, "nullable",
                    $"Column {property.Name} is required (never null) but the job may write nulls: add " +
                    $"WITH EXPECTATION {property.Name}_present EXPECT {property.Name} IS NOT NULL ON VIOLATION DROP (or FAIL)."));
        }
        var promisedKey = promised.PrimaryKey;
        if (promisedKey.Count > 0 && !promisedKey.SequenceEqual(key, StringComparer.OrdinalIgnoreCase))
            differences.Add(new(null, "key",
                $"The contract's primary key is ({string.Join(", ", promisedKey)}); the job's KEY is ({string.Join(", ", key)})."));
        return differences;
    }

    private static string? TypeChange(ContractProperty property, ColumnSchema column)
    {
        if (property.PhysicalType is { Length: > 0 } physical)
            return LogicalTypes.SamePhysicalType(physical, column.Type)
                ? null
                : $"Column {property.Name} is {physical} in the contract; the job writes {column.Type}.";
        if (property.LogicalType is { Length: > 0 } logical && !string.Equals(logical, LogicalTypes.Of(column.Type), StringComparison.OrdinalIgnoreCase))
            return $"Column {property.Name} is {logical} in the contract; the job writes {column.Type} ({LogicalTypes.Of(column.Type)}).";
        return null;
    }
}
