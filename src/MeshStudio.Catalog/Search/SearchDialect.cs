using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Search;

/// <summary>
/// The full-text SQL of one provider over the table <c>product_search</c> (created by each provider's migrations):
/// SQLite's FTS5 with bm25, PostgreSQL's text search with weighted vectors and ts_rank. Parameters are positional
/// ({0}…) for EF Core's raw SQL, and <c>@match</c> in <see cref="Match"/>.
/// </summary>
internal abstract class SearchDialect
{
    public static SearchDialect For(MeshDbContext db) => db.Database.IsSqlite() ? Sqlite : PostgreSql;

    private static readonly SearchDialect Sqlite = new SqliteSearchDialect();
    private static readonly SearchDialect PostgreSql = new PostgreSqlSearchDialect();

    public abstract string DeleteOne { get; }

    public abstract string DeleteAll { get; }

    /// <summary>Values: product id, name, title, description, columns, tags, domain, owner.</summary>
    public abstract string Insert { get; }

    /// <summary>Product ids, best match first (snippets are cut by the caller, the same way for both providers).</summary>
    public abstract string Match { get; }

    /// <summary>
    /// The search expression for <c>@match</c>: every term must occur, each as one of its alternatives (what was typed,
    /// then the spelling corrections of an unknown word); the first alternative of the last term as a prefix ("rev"
    /// finds "revenue"). Words hold only letters and digits, so no search syntax reaches the database.
    /// </summary>
    public abstract string Expression(IReadOnlyList<IReadOnlyList<string>> terms);

    /// <summary>Whether the word at <paramref name="alternative"/> of term <paramref name="term"/> matches as a prefix.</summary>
    protected static bool IsPrefix(IReadOnlyList<IReadOnlyList<string>> terms, int term, int alternative) =>
        term == terms.Count - 1 && alternative == 0;
}
