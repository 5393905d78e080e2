using MeshStudio.Application.Search;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Products;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Governance;

public sealed class ReviewServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly ColumnSchema[] WithEmail = [new("customer_email", "VARCHAR"), new("amount", "DOUBLE")];
    private static readonly Dictionary<string, IReadOnlyCollection<string>> EmailSamples = new()
    {
        ["customer_email"] = ["ann@example.com", "bob@example.org", "cy@example.net"],
        ["amount"] = ["1.5", "20", "3"],
    };

    public async Task InitializeAsync() => _ctx = await CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private async Task<int> OpenDescribedAsync(string product, IReadOnlyList<ColumnSchema>? columns = null,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>>? samples = null)
    {
        await _ctx.DeployWithDataAsync(_ctx.Sally, product, columns, samples);
        await _ctx.Products.UpdateMetadataAsync(_ctx.Sally, Q(product), "Orders", "All orders of the shop, one row per order.", ["orders"], Ct);
        return await _ctx.Reviews.OpenAsync(_ctx.Sam, Q(product), Ct);
    }

    [Fact]
    public async Task ApproveAsync_UnmaskedEmailColumn_ThrowsWithClearMessage()
    {
        var id = await OpenDescribedAsync("sales.orders", WithEmail, EmailSamples);

        var review = await _ctx.Reviews.GetAsync(_ctx.Steward, id, Ct);
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Reviews.ApproveAsync(_ctx.Steward, id, "ok", Ct));

        Assert.NotNull(review);
        Assert.False(review.CanApprove);
        Assert.Contains(review.Checks, c => c is { Check: "pii-masked", Passed: false, Blocking: true });
        Assert.Contains("customer_email (Email)", error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.Equal(ProductStatus.InReview, (await _ctx.Products.GetAsync(_ctx.Sally, Q("sales.orders"), Ct))!.Status);
    }

    [Fact]
    public async Task ApproveAsync_CleanProduct_PublishesAndMakesSearchable()
    {
        var id = await OpenDescribedAsync("sales.orders");

        await _ctx.Reviews.ApproveAsync(_ctx.Steward, id, "Clear and well described.", Ct);

        var product = await _ctx.Products.GetAsync(_ctx.Leo, Q("sales.orders"), Ct);
        Assert.NotNull(product);
        Assert.Equal(ProductStatus.Published, product.Status);
        Assert.Equal(_ctx.Clock.GetUtcNow().UtcDateTime, product.PublishedAt);
        Assert.Null(product.OpenReviewId);
        var hits = await _ctx.Search.SearchAsync(new ProductQuery("orders", null, null), Ct);
        Assert.Equal([Q("sales.orders")], hits.Items.Select(h => h.Name));
        var details = await _ctx.Reviews.GetAsync(_ctx.Steward, id, Ct);
        Assert.Equal(ReviewStatus.Approved, details!.Status);
        Assert.Equal("steward", details.DecidedBy);
        Assert.Equal("Clear and well described.", details.Comment);
    }

    [Fact]
    public async Task ApproveAsync_MaskedEmailAfterRerun_IsApproved()
    {
        var id = await OpenDescribedAsync("sales.orders", WithEmail, EmailSamples);
        var hashed = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["customer_email"] = [new string('a', 64), new string('b', 64)],
        };
        await _ctx.Products.RecordSnapshotAsync(Q("sales.orders"),
            new Core.Execution.SnapshotResult("sales/orders/snap-2", 3, WithEmail), hashed, Ct);

        await _ctx.Reviews.ApproveAsync(_ctx.Steward, id, "", Ct);

        Assert.Equal(ProductStatus.Published, (await _ctx.Products.GetAsync(_ctx.Sally, Q("sales.orders"), Ct))!.Status);
    }

    [Fact]
    public async Task ApproveAsync_NonSteward_ThrowsAccessDenied()
    {
        var id = await OpenDescribedAsync("sales.orders");

        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Reviews.ApproveAsync(_ctx.Sally, id, "mine", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Reviews.ApproveAsync(_ctx.Admin, id, "admin", Ct));
    }

    [Fact]
    public async Task OpenAsync_ProductWithoutDataOrDescription_RecordsFailedChecks()
    {
        await _ctx.Jobs.SaveAsync(_ctx.Sally, JobStatement("sales.job_empty", "sales.empty"), "CREATE JOB …", Ct);

        var id = await _ctx.Reviews.OpenAsync(_ctx.Sally, Q("sales.empty"), Ct);

        var review = await _ctx.Reviews.GetAsync(_ctx.Sally, id, Ct);
        Assert.NotNull(review);
        Assert.Contains(review.Checks, c => c is { Check: "has-data", Passed: false });
        Assert.Contains(review.Checks, c => c is { Check: "description-present", Passed: false });
        Assert.Contains(review.Checks, c => c is { Check: "owner-present", Passed: true });
        Assert.Equal(ProductStatus.InReview, (await _ctx.Products.GetAsync(_ctx.Sally, Q("sales.empty"), Ct))!.Status);
    }

    [Fact]
    public async Task OpenAsync_AlreadyInReviewOrPublished_ThrowsRuleViolation()
    {
        var id = await OpenDescribedAsync("sales.orders");

        var inReview = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Reviews.OpenAsync(_ctx.Sally, Q("sales.orders"), Ct));
        await _ctx.Reviews.ApproveAsync(_ctx.Steward, id, "", Ct);
        var published = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Reviews.OpenAsync(_ctx.Sally, Q("sales.orders"), Ct));

        Assert.Contains("already waiting", inReview.Message, StringComparison.Ordinal);
        Assert.Contains("already published", published.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_OtherDomainsProduct_ThrowsAccessDenied()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sally, "sales.orders");

        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Reviews.OpenAsync(_ctx.Mia, Q("sales.orders"), Ct));
    }

    [Fact]
    public async Task RejectAsync_WithComment_RejectsAndAllowsResubmission()
    {
        var id = await OpenDescribedAsync("sales.orders");

        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Reviews.RejectAsync(_ctx.Steward, id, "  ", Ct));
        await _ctx.Reviews.RejectAsync(_ctx.Steward, id, "Add a freshness SLA.", Ct);

        Assert.Equal(ProductStatus.Rejected, (await _ctx.Products.GetAsync(_ctx.Sally, Q("sales.orders"), Ct))!.Status);
        var again = await _ctx.Reviews.OpenAsync(_ctx.Sally, Q("sales.orders"), Ct);
        Assert.NotEqual(id, again);
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Reviews.ApproveAsync(_ctx.Steward, id, "", Ct));
    }

    [Fact]
    public async Task Decisions_AreWrittenToTheAuditLog()
    {
        var first = await OpenDescribedAsync("sales.orders");
        await _ctx.Reviews.RejectAsync(_ctx.Steward, first, "Needs a better title.", Ct);
        var second = await _ctx.Reviews.OpenAsync(_ctx.Sally, Q("sales.orders"), Ct);
        await _ctx.Reviews.ApproveAsync(_ctx.Steward, second, "Fixed.", Ct);

        var entries = await _ctx.Audit.ListAsync(0, 10, Ct);

        Assert.Equal(["review.approved", "review.opened", "review.rejected", "review.opened"], entries.Take(4).Select(e => e.Action));
        Assert.Equal(new AuditView("steward", "sales.orders", "Fixed."), new AuditView(entries[0].Actor, entries[0].Target, entries[0].Details));
        Assert.Equal("Needs a better title.", entries[2].Details);
    }

    [Fact]
    public async Task ListAsync_Steward_SeesOpenReviewsWithApprovability()
    {
        await OpenDescribedAsync("sales.orders", WithEmail, EmailSamples);
        await _ctx.DeployWithDataAsync(_ctx.Mia, "marketing.campaigns");
        await _ctx.Products.UpdateMetadataAsync(_ctx.Mia, Q("marketing.campaigns"), "Campaigns", "Every campaign with its budget.", [], Ct);
        await _ctx.Reviews.OpenAsync(_ctx.Mia, Q("marketing.campaigns"), Ct);

        var open = await _ctx.Reviews.ListAsync(_ctx.Steward, ReviewStatus.Open, Ct);
        var mine = await _ctx.Reviews.ListAsync(_ctx.Mia, null, Ct);

        Assert.Equal([("marketing.campaigns", true), ("sales.orders", false)], open.Select(r => (r.Product.ToString(), r.CanApprove)));
        Assert.Equal([Q("marketing.campaigns")], mine.Select(r => r.Product));
        Assert.Null(await _ctx.Reviews.GetAsync(_ctx.Leo, open[1].Id, Ct));
    }

    private sealed record AuditView(string Actor, string Target, string Details);
}
