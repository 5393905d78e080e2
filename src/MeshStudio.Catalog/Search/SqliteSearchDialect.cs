namespace MeshStudio.Catalog.Search;

/// <summary>FTS5: rowid = product id, columns name, title, description, columns, tags, domain, owner, ranked by bm25.</summary>
internal sealed class SqliteSearchDialect : SearchDialect
{
    /// <summary>name, title, description, columns, tags, domain, owner (bm25 refers to columns by position).</summary>
    private const string Bm25Weights = "10.0, 8.0, 1.0, 2.0, 4.0, 2.0, 1.0";

    public override string DeleteOne => "DELETE FROM product_search WHERE rowid = {0}";

    public override string DeleteAll => "DELETE FROM product_search";

    public override string Insert =>
        "INSERT INTO product_search(rowid, name, title, description, columns, tags, domain, owner) " +
        "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})";

    public override string Match =>
        "SELECT rowid " +
        "FROM product_search WHERE product_search MATCH @match " +
        $"ORDER BY bm25(product_search, {Bm25Weights}), rowid";

    public override string Expression(IReadOnlyList<IReadOnlyList<string>> terms) =>
        string.Join(" AND ", terms.Select((alternatives, i) =>
        {
            var words = alternatives.Select((w, j) => "\"" + w + "\"" + (IsPrefix(terms, i, j) ? "*" : "")).ToList();
            return words.Count == 1 ? words[0] : "(" + string.Join(" OR ", words) + ")";
        }));
}
