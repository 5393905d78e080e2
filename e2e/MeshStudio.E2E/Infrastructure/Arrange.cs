using MeshStudio.Application.Execution;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Products;
using MeshStudio.Catalog.Identity;
using MeshStudio.Core.Products;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.E2E.Infrastructure;

/// <summary>Preconditions a journey starts from, set up through the app's own services (no shortcuts into storage).</summary>
public static class Arrange
{
    /// <summary>Deploys a clean product as the sales analyst, describes it and opens its review. Returns the review id.</summary>
    public static async Task<int> ProductInReviewAsync(LiveApp app, string product)
    {
        var analyst = (await app.Services.GetRequiredService<UserContextLoader>().LoadByUserNameAsync("sales.analyst", default))!;
        var deployed = await app.Services.GetRequiredService<PipelineDeployer>().DeployAsync(analyst, "sales",
            $"CREATE JOB sales.{product}_job AS INSERT INTO sales.{product} KEY (product) " +
            "SELECT product, count(*) AS orders, round(avg(amount), 2) AS avg_amount FROM sales.orders GROUP BY product", default);
        Assert.True(deployed.Succeeded, string.Join("; ", deployed.Statements.Select(s => s.Message)));
        var name = new QualifiedName("sales", product);
        await app.Services.GetRequiredService<ProductService>().UpdateMetadataAsync(analyst, name, "Orders per product",
            "Order count and **average amount** per product, for merchandising.", ["merchandising"], default);
        return await app.Services.GetRequiredService<ReviewService>().OpenAsync(analyst, name, default);
    }
}
