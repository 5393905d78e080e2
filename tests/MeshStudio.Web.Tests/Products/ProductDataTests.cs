using MeshStudio.Application.Execution;
using MeshStudio.Application.Products;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Identity;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Products;

/// <summary>Reading a product's data as a use case: one access check for every way in, downloads audited as downloads.</summary>
[Collection(MeshAppCollection.Name)]
public class ProductDataTests(MeshAppFactory app)
{
    private static readonly QualifiedName Deliveries = new("logistics", "delivery_performance");
    private static readonly QualifiedName Campaigns = new("marketing", "campaign_performance");

    private ProductData Data => app.Services.GetRequiredService<ProductData>();

    private async Task<UserContext> UserAsync(string userName) =>
        (await app.Services.GetRequiredService<UserContextLoader>().LoadByUserNameAsync(userName, CancellationToken.None))!;

    private async Task<int> CountAsync(string action, QualifiedName target) =>
        (await app.Services.GetRequiredService<AuditLog>().ListAsync(0, 1000, CancellationToken.None))
            .Count(e => e.Action == action && e.Target == target.ToString());

    [Fact]
    public async Task StartPageAsync_Member_IsAuditedAsADownloadAndNotAsAQuery()
    {
        var owner = await UserAsync("logistics.owner");
        var (downloads, queries) = (await CountAsync(ProductData.DownloadAction, Deliveries), await CountAsync(QueryAudit.Action, Deliveries));

        await using (var page = await Data.StartPageAsync(owner, Deliveries, ProductDataFormat.Csv, 2, 1, CancellationToken.None))
            Assert.NotEmpty(Assert.IsType<QueryStream>(page).Columns);

        Assert.Equal(downloads + 1, await CountAsync(ProductData.DownloadAction, Deliveries));
        Assert.Equal(queries, await CountAsync(QueryAudit.Action, Deliveries));
    }

    [Fact]
    public async Task SubscribeAsync_WithoutGrant_IsRefusedBeforeListening()
    {
        var consumer = await UserAsync("logistics.owner");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Data.SubscribeAsync(consumer, Campaigns, CancellationToken.None));

        Assert.Equal($"You have no access to {Campaigns}. Request access on its marketplace page.", refused.Message);
    }

    [Fact]
    public async Task OpenSnapshotAsync_WithoutGrant_IsRefusedAndNotAudited()
    {
        var consumer = await UserAsync("logistics.owner");
        var downloads = await CountAsync(ProductData.DownloadAction, Campaigns);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Data.OpenSnapshotAsync(consumer, Campaigns, CancellationToken.None));

        Assert.Equal(downloads, await CountAsync(ProductData.DownloadAction, Campaigns));
    }
}
