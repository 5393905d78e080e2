using System.Text.RegularExpressions;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Products;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Search;

/// <summary>
/// Maintains the full-text table <c>product_search</c> (one row per product; created by each provider's migrations, its SQL
/// in <see cref="SearchDialect"/>). Only published products are
/// indexed, so drafts can never leak into the marketplace. Callers run it inside the transaction
/// that changes the product.
/// </summary>
internal static partial class SearchIndex
{
    /// <summary>Re-indexes one product (or removes it when it is not published).</summary>
    public static async Task SyncAsync(MeshDbContext db, int productId, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking()
            .Include(p => p.Domain)
            .Include(p => p.Owner)
            .SingleOrDefaultAsync(p => p.Id == productId, ct);
        await db.Database.ExecuteSqlRawAsync(SearchDialect.For(db).DeleteOne, [productId], ct);
        if (product is { Status: ProductStatus.Published })
            await InsertAsync(db, product, ct);
    }

    /// <summary>Rebuilds the whole index from the products table (start-up; cheap for a catalog).</summary>
    public static async Task RebuildAsync(MeshDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(SearchDialect.For(db).DeleteAll, ct);
        var published = await db.Products.AsNoTracking()
            .Include(p => p.Domain)
            .Include(p => p.Owner)
            .Where(p => p.Status == ProductStatus.Published)
            .ToListAsync(ct);
        foreach (var product in published)
            await InsertAsync(db, product, ct);
    }

    private static Task<int> InsertAsync(MeshDbContext db, Product product, CancellationToken ct)
    {
        var domain = product.Domain?.Name ?? "";
        var columns = string.Join(' ', product.Columns.Select(c => $"{Words(c.Name)} {c.Description}"));
        var owner = product.Owner is null ? "" : $"{product.Owner.UserName} {product.Owner.DisplayName}";
        return db.Database.ExecuteSqlRawAsync(
            SearchDialect.For(db).Insert,
            [
                product.Id, $"{domain}.{product.Name} {Words(product.Name)}", product.Title,
                PlainText(product.Description), columns, string.Join(' ', product.Tags), domain, owner,
            ],
            ct);
    }

    /// <summary><c>revenue_by_country</c> → <c>revenue by country</c>, so each word is a token.</summary>
    private static string Words(string identifier) => identifier.Replace('_', ' ');

    /// <summary>Markdown without its markup, so snippets read as text.</summary>
    public static string PlainText(string markdown)
    {
        var text = MarkdownLink().Replace(markdown, "$1");
        text = MarkdownMarks().Replace(text, "");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    // Underscores stay: they are part of identifiers such as revenue_by_country.
    [GeneratedRegex(@"[#*`>|~]+")]
    private static partial Regex MarkdownMarks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
