using MeshStudio.Core.Products.Contracts;

namespace MeshStudio.Core.Products.Versions;

/// <summary>
/// The differences between a product's schema and key as committed and what a job would write now. Only an added
/// column is compatible: every column of a product is nullable (DuckDB describes query columns so), so an added
/// column is an added nullable column, which no consumer's query reads yet.
/// </summary>
public static class SchemaComparer
{
    public static IReadOnlyList<SchemaDifference> Compare(
        IReadOnlyList<ColumnSchema> before, IReadOnlyList<string> beforeKey, IReadOnlyList<ColumnSchema> after, IReadOnlyList<string> afterKey)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var now = after.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var was = before.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var differences = new List<SchemaDifference>();
        foreach (var column in before)
        {
            if (!now.TryGetValue(column.Name, out var written))
                differences.Add(new(column.Name, "dropped", $"Column {column.Name} ({column.Type}) is dropped.", Breaking: true));
            else if (!LogicalTypes.SamePhysicalType(column.Type, written.Type))
                differences.Add(new(column.Name, "retyped", $"Column {column.Name} changes from {column.Type} to {written.Type}.", Breaking: true));
        }
        differences.AddRange(after.Where(c => !was.Contains(c.Name))
            .Select(c => new SchemaDifference(c.Name, "added", $"Column {c.Name} ({c.Type}) is added.", Breaking: false)));
        if (!beforeKey.SequenceEqual(afterKey, StringComparer.OrdinalIgnoreCase))
            differences.Add(new(null, "key", $"The key changes from ({string.Join(", ", beforeKey)}) to ({string.Join(", ", afterKey)}).", Breaking: true));
        return differences;
    }
}
