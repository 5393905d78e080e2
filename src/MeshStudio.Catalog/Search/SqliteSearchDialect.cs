namespace MeshStudio.Catalog.Search;

/// <summary>FTS5: rowid = product id, columns name, title, description, columns, tags, domain, owner, ranked by bm25.</summary>
internal sealed class SqliteSearchDialect : SearchDialect
{
    /// <summary>name, title, description, columns, tags, domain, owner (bm25 and snippet() refer to columns by position).</summary>
    private const string Bm25Weights = "10.0, 8.0, 1.0, 2.0, 4.0, 2.0, 1.0";
    private const int DescriptionColumn = 2;

    public override string DeleteOne => "DELETE FROM product_search WHERE rowid = {0}";

    public override string DeleteAll => "DELETE FROM product_search";

    public override string Insert =>
        "INSERT INTO product_search(rowid, name, title, description, columns, tags, domain, owner) " +
        "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})";

    public override string Match =>
        $"SELECT rowid, snippet(product_search, {DescriptionColumn}, '', '', '…', 24) " +
        "FROM product_search WHERE product_search MATCH @match " +
        $"ORDER BY bm25(product_search, {Bm25Weights}), rowid";

    public override string Expression(IReadOnlyList<string> terms) =>
        string.Join(' ', terms.Select((t, i) => "\"" + t + "\"" + (i == terms.Count - 1 ? "*" : "")));
}
