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

    /// <summary>Rows of (product id, snippet of the description), best match first.</summary>
    public abstract string Match { get; }

    /// <summary>
    /// The search expression for <c>@match</c>: every term must occur, the last one as a prefix ("rev" finds "revenue").
    /// Terms hold only letters and digits, so no search syntax reaches the database.
    /// </summary>
    public abstract string Expression(IReadOnlyList<string> terms);
}
