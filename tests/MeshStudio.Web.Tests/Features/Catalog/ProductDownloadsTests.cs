using Bunit;
using MeshStudio.Core.Products;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Features.Catalog;

public sealed class ProductDownloadsTests
{
    private static readonly QualifiedName Revenue = new("sales", "revenue");

    [Fact]
    public async Task ProductDownloads_WithAccess_LinksCsvJsonAndParquetAsDownloads()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();

        var cut = ctx.Render<ProductDownloads>(p => p
            .Add(d => d.Product, Revenue).Add(d => d.CanReadData, true).Add(d => d.HasData, true).Add(d => d.RowCount, 25_000));

        Assert.Equal("/api/products/sales/revenue/data?format=csv&pageSize=10000&download=true", cut.ByTestId("download-csv").GetAttribute("href"));
        Assert.Equal("sales.revenue-page1.json", cut.ByTestId("download-json").GetAttribute("download"));
        Assert.Equal("sales.revenue.parquet", cut.ByTestId("download-parquet").GetAttribute("download"));
        Assert.Contains("first 10,000 of 25,000 rows", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductDownloads_WithoutAccess_OffersNoLinks()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();

        var cut = ctx.Render<ProductDownloads>(p => p.Add(d => d.Product, Revenue).Add(d => d.CanReadData, false).Add(d => d.HasData, true));

        Assert.Empty(cut.FindAll("a"));
        Assert.Contains("need access", cut.ByTestId("downloads-locked").TextContent, StringComparison.Ordinal);
    }
}
