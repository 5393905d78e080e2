using System.Globalization;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;

namespace MeshStudio.Application.Products;

/// <summary>The SELECTs the platform writes over a product for its users: a page, a sample, a query to start from.</summary>
public static class ProductQueries
{
    /// <summary>Rows of page <paramref name="page"/> (from 1) and one more, so the reader can tell whether a next page exists.</summary>
    public static string PageAndOneMore(QualifiedName product, int pageSize, int page)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        return string.Create(CultureInfo.InvariantCulture, $"SELECT * FROM {product} LIMIT {pageSize + 1} OFFSET {(long)(page - 1) * pageSize}");
    }

    /// <summary>The first <paramref name="rows"/> rows.</summary>
    public static string Sample(QualifiedName product, int rows)
    {
        ArgumentNullException.ThrowIfNull(product);
        return string.Create(CultureInfo.InvariantCulture, $"SELECT * FROM {product} LIMIT {rows}");
    }

    /// <summary>One row: the approximate number of distinct values of each of <paramref name="columns"/> (HyperLogLog).</summary>
    public static string ApproxDistinct(QualifiedName product, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(columns);
        return $"SELECT {string.Join(", ", columns.Select(c => $"approx_count_distinct({SqlText.Identifier(c)})"))} FROM {product}";
    }

    /// <summary>The query the Studio opens a product with, laid out for editing.</summary>
    public static string Explore(QualifiedName product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return $"SELECT *\nFROM {product}\nLIMIT 100";
    }
}
