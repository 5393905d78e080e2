using MeshStudio.Application.Governance.Policies;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Products;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Governance;

/// <summary>An open review's checks are the policies in force on the product as it is now.</summary>
public sealed class ReviewLiveChecksTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => _ctx = await CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task GetAsync_AuthorAddsTheMissingDescription_CheckPassesAndApprovalIsPossible()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sally, "sales.orders");
        var id = await _ctx.Reviews.OpenAsync(_ctx.Sally, Q("sales.orders"), Ct);
        var before = await _ctx.Reviews.GetAsync(_ctx.Steward, id, Ct);

        await _ctx.Products.UpdateMetadataAsync(_ctx.Sally, Q("sales.orders"), "Orders", "All orders of the shop, one row per order.", [], Ct);

        var after = await _ctx.Reviews.GetAsync(_ctx.Steward, id, Ct);
        var listed = await _ctx.Reviews.ListAsync(_ctx.Steward, null, Ct);
        Assert.Contains(before!.Checks, c => c is { Check: "description-present", Passed: false } && c.Message.Contains("it has 0", StringComparison.Ordinal));
        Assert.False(before.CanApprove);
        Assert.Contains(after!.Checks, c => c is { Check: "description-present", Passed: true });
        Assert.True(after.CanApprove);
        Assert.True(listed.Single(r => r.Id == id).CanApprove);
        await _ctx.Reviews.ApproveAsync(_ctx.Steward, id, "", Ct);
        Assert.Equal(ProductStatus.Published, (await _ctx.Products.GetAsync(_ctx.Sally, Q("sales.orders"), Ct))!.Status);
    }

    [Fact]
    public async Task GetAsync_StewardSwitchesOnABlockingPolicy_OpenReviewShowsItWithItsExplanation()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sally, "sales.orders", [new ColumnSchema("orderDate", "TIMESTAMP", "When")]);
        await _ctx.Products.UpdateMetadataAsync(_ctx.Sally, Q("sales.orders"), "Orders", "All orders of the shop, one row per order.", [], Ct);
        var id = await _ctx.Reviews.OpenAsync(_ctx.Sally, Q("sales.orders"), Ct);
        var policies = _ctx.Get<PolicyService>();
        foreach (var key in new[] { "column-naming", "utc-timestamps", "column-descriptions" })
        {
            var policy = (await policies.GetAsync(key, Ct))!;
            await policies.SaveAsync(_ctx.Steward, policy.Definition with { Enabled = true, Severity = PolicySeverity.Block }, policy.Version, Ct);
        }

        var review = await _ctx.Reviews.GetAsync(_ctx.Steward, id, Ct);

        var naming = review!.Checks.Single(c => c.Check == "column-naming");
        Assert.False(naming.Passed);
        Assert.Equal("The column name orderDate does not match ^[a-z][a-z0-9_]*$.", naming.Message);
        Assert.Equal("Names in snake_case are written the same way in every query.", naming.Explanation);
        Assert.Contains(review.Checks, c => c is { Check: "utc-timestamps", Passed: false, Blocking: true });
        Assert.Contains(review.Checks, c => c is { Check: "column-descriptions", Passed: true });
        Assert.False(review.CanApprove);
    }

    [Fact]
    public async Task GetAsync_DecidedReview_KeepsTheChecksItWasDecidedOn()
    {
        await _ctx.PublishAsync(_ctx.Sally, "sales.orders", "Orders", "All orders of the shop, one row per order.", []);
        var id = (await _ctx.Reviews.ListAsync(_ctx.Steward, null, Ct)).Single().Id;
        var policies = _ctx.Get<PolicyService>();
        var description = (await policies.GetAsync("description-present", Ct))!;
        await policies.SaveAsync(_ctx.Steward, description.Definition with { MinLength = 500 }, description.Version, Ct);

        var review = await _ctx.Reviews.GetAsync(_ctx.Steward, id, Ct);

        Assert.Contains(review!.Checks, c => c is { Check: "description-present", Passed: true });
    }
}
