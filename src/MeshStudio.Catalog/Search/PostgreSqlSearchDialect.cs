namespace MeshStudio.Catalog.Search;

/// <summary>
/// PostgreSQL text search (English stemming, as FTS5's porter tokenizer): one weighted vector per product, GIN-indexed.
/// The weights follow SQLite's bm25 weights: name and title A, tags B, columns and domain C, description and owner D.
/// </summary>
internal sealed class PostgreSqlSearchDialect : SearchDialect
{
    public override string DeleteOne => "DELETE FROM product_search WHERE product_id = {0}";

    public override string DeleteAll => "DELETE FROM product_search";

    public override string Insert =>
        "INSERT INTO product_search(product_id, description, document) VALUES ({0}, {3}, " +
        "setweight(to_tsvector('english', {1}), 'A') || setweight(to_tsvector('english', {2}), 'A') || " +
        "setweight(to_tsvector('english', {5}), 'B') || setweight(to_tsvector('english', {4}), 'C') || " +
        "setweight(to_tsvector('english', {6}), 'C') || setweight(to_tsvector('english', {3}), 'D') || " +
        "setweight(to_tsvector('english', {7}), 'D'))";

    public override string Match =>
        "SELECT s.product_id " +
        "FROM product_search s, to_tsquery('english', @match) q WHERE s.document @@ q " +
        "ORDER BY ts_rank(s.document, q) DESC, s.product_id";

    public override string Expression(IReadOnlyList<IReadOnlyList<string>> terms) =>
        string.Join(" & ", terms.Select((alternatives, i) =>
        {
            var words = alternatives.Select((w, j) => IsPrefix(terms, i, j) ? w + ":*" : w).ToList();
            return words.Count == 1 ? words[0] : "(" + string.Join(" | ", words) + ")";
        }));
}
