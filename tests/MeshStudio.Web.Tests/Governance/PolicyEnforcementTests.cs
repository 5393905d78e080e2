using System.Text.Json;
using Bunit;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Governance.Policies;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Products;
using MeshStudio.Web.Components.Shared;
using MeshStudio.Web.Features.Studio;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Governance;

/// <summary>Each policy kind fires with the same message while typing in the Studio, at deploy and at review (ADR 29).</summary>
public sealed class PolicyEnforcementTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task SwitchOnAsync(ComponentTestContext ctx, string key, PolicySeverity severity, string? pattern = null)
    {
        var policies = ctx.Get<PolicyService>();
        var policy = (await policies.GetAsync(key, Ct))!;
        await policies.SaveAsync(await ctx.UserAsync("steward"),
            policy.Definition with { Enabled = true, Severity = severity, Pattern = pattern ?? policy.Definition.Pattern }, policy.Version, Ct);
    }

    private static async Task<StatementOutcome> DeployAsync(ComponentTestContext ctx, string script)
    {
        var result = await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales", script, Ct);
        return result.Statements.Single();
    }

    [Fact]
    public async Task Deploy_BlockingColumnNamingPolicy_IsRefusedWithTheExplanationAtTheColumn()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await SwitchOnAsync(ctx, "column-naming", PolicySeverity.Block);

        var outcome = await DeployAsync(ctx, "CREATE JOB sales.by_country_job AS INSERT INTO sales.by_country\nSELECT country AS countryCode, sum(amount) AS revenue FROM sales.orders GROUP BY country");

        Assert.False(outcome.Succeeded);
        var violation = Assert.Single(outcome.PolicyViolations!);
        Assert.Equal("[column-naming] The column name countryCode does not match ^[a-z][a-z0-9_]*$. Names in snake_case are written the same way in every query.",
            violation.Error.Message);
        Assert.Equal((2, 19), (violation.Error.Line, violation.Error.Column));
        Assert.Contains(violation.Error.Message, outcome.Message, StringComparison.Ordinal);
        Assert.Null(await ctx.Get<Application.Products.ProductService>().GetAsync(await ctx.UserAsync("sally"), ComponentTestContext.Q("sales.by_country"), Ct));
    }

    [Fact]
    public async Task Deploy_WarningProductNamingPolicy_DeploysAndReturnsTheWarning()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await SwitchOnAsync(ctx, "product-naming", PolicySeverity.Warn, "^sales_");

        var outcome = await DeployAsync(ctx, "CREATE JOB sales.totals_job AS INSERT INTO sales.totals SELECT sum(amount) AS revenue FROM sales.orders");

        Assert.True(outcome.Succeeded, outcome.Message);
        var warning = Assert.Single(outcome.PolicyViolations!);
        Assert.Equal(PolicySeverity.Warn, warning.Severity);
        Assert.Equal("The product name totals does not match ^sales_.", warning.Message);
        Assert.Equal((1, 44), (warning.Error.Line, warning.Error.Column));
    }

    [Fact]
    public async Task Deploy_UtcTimestampPolicy_RefusesALocalTimestampAndAcceptsUtcOnes()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await SwitchOnAsync(ctx, "utc-timestamps", PolicySeverity.Block);

        var local = await DeployAsync(ctx, "CREATE JOB sales.times_job AS INSERT INTO sales.times SELECT order_id, ts AS ordered_at FROM sales.orders");
        var suffixed = await DeployAsync(ctx, "CREATE JOB sales.times_job AS INSERT INTO sales.times SELECT order_id, ts AS ordered_at_utc FROM sales.orders");
        var zoned = await DeployAsync(ctx, "CREATE JOB sales.zoned_job AS INSERT INTO sales.zoned SELECT order_id, timezone('UTC', ts) AS ordered_at FROM sales.orders");

        Assert.False(local.Succeeded);
        Assert.Contains("The column ordered_at is a TIMESTAMP without a time zone", local.Message, StringComparison.Ordinal);
        Assert.True(suffixed.Succeeded, suffixed.Message);
        Assert.True(zoned.Succeeded, zoned.Message);
    }

    [Fact]
    public async Task Deploy_ExpectationAndFreshnessPolicies_AskForAnExpectationAndASchedule()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await SwitchOnAsync(ctx, "has-expectation", PolicySeverity.Block);
        await SwitchOnAsync(ctx, "freshness-sla", PolicySeverity.Block);

        var bare = await DeployAsync(ctx, "CREATE JOB sales.amounts_job AS INSERT INTO sales.amounts SELECT order_id, amount FROM sales.orders");
        var kept = await DeployAsync(ctx, """
            CREATE JOB sales.amounts_job WITH (run_interval = '1 minute') AS INSERT INTO sales.amounts SELECT order_id, amount FROM sales.orders
            WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP
            """);

        Assert.False(bare.Succeeded);
        Assert.Equal(["freshness-sla", "has-expectation"], bare.PolicyViolations!.Select(v => v.Policy).Order());
        Assert.True(kept.Succeeded, kept.Message);
    }

    [Fact]
    public async Task Deploy_PersonalDataPolicy_WarnsInTheDomainAndRefusesAPublishedProduct()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeploySalesProductAsync("contacts", "SELECT order_id, sha256(email) AS email_hash FROM sales.orders");
        await ctx.PublishAsync("sales.contacts", "Contacts", "Hashed contact per order, for joins across domains.");

        var draft = await DeployAsync(ctx, "CREATE JOB sales.raw_job AS INSERT INTO sales.raw SELECT order_id, left(email, 3) AS contact FROM sales.orders");
        var published = await DeployAsync(ctx, "ALTER JOB sales.contacts_job AS INSERT INTO sales.contacts SELECT order_id, sha256(email) AS email_hash, email FROM sales.orders");
        await ctx.Get<PolicyService>().SaveAsync(await ctx.UserAsync("sally"), new PolicyDefinition(
            "sales-no-emails", "No e-mails leave sales", PolicyKind.PersonalData, PolicySeverity.Block, "Sales never shares addresses, not even hashed.",
            Domain: "sales", PersonalData: new Dictionary<PiiKind, PersonalDataAction> { [PiiKind.Email] = PersonalDataAction.Drop }), null, Ct);
        var hashed = await DeployAsync(ctx, "ALTER JOB sales.contacts_job AS INSERT INTO sales.contacts SELECT order_id, sha256(email) AS email_hash FROM sales.orders");

        Assert.True(draft.Succeeded, draft.Message);
        Assert.Contains(draft.PolicyViolations!, v => v is { Policy: "pii-masked", Severity: PolicySeverity.Warn } && v.Message.Contains("contact (Email)", StringComparison.Ordinal));
        Assert.False(published.Succeeded);
        Assert.Contains("Unmasked personal data leaves the domain: email (Email).", published.Message, StringComparison.Ordinal);
        Assert.False(hashed.Succeeded);
        Assert.Contains("[sales-no-emails] Personal data leaves the domain, even hashed: email_hash (Email).", hashed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_PolicyBrokenByTheProduct_ShowsTheSameMessageAsTheDeploy()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeploySalesProductAsync("orders_copy", "SELECT order_id AS orderId, amount FROM sales.orders");
        await ctx.DescribeAsync("sales.orders_copy", "Orders", "Every order of the shop, one row per order.");
        var id = await ctx.Get<ReviewService>().OpenAsync(await ctx.UserAsync("sally"), ComponentTestContext.Q("sales.orders_copy"), Ct);
        await SwitchOnAsync(ctx, "column-naming", PolicySeverity.Block);

        var review = await ctx.Get<ReviewService>().GetAsync(await ctx.UserAsync("steward"), id, Ct);
        var deploy = await DeployAsync(ctx, "CREATE JOB sales.orders_copy_job AS INSERT INTO sales.orders_copy SELECT order_id AS orderId, amount FROM sales.orders");

        var check = review!.Checks.Single(c => c.Check == "column-naming");
        Assert.False(review.CanApprove);
        Assert.Equal(check.Message, deploy.PolicyViolations!.Single().Message);
    }

    [Fact]
    public async Task Typing_JobBreakingPolicies_MarksEachNameWithThePolicyAndItsSeverity()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await ctx.DeployRevenueAsync();
        await SwitchOnAsync(ctx, "column-naming", PolicySeverity.Block);
        await SwitchOnAsync(ctx, "product-naming", PolicySeverity.Warn, "^sales_");
        ctx.SignIn("sam");
        var cut = ctx.Render<StudioPage>();
        var editor = cut.FindComponent<SqlEditor>();

        await cut.InvokeAsync(() => editor.Instance.OnTextChanged.InvokeAsync(
            "CREATE JOB sales.totals_job AS INSERT INTO sales.totals\nSELECT sum(amount) AS totalRevenue FROM sales.orders"));

        cut.WaitForAssertion(() =>
        {
            var call = ctx.Bunit.JSInterop.Invocations["meshSqlEditor.setMarkers"][^1];
            var markers = JsonSerializer.Serialize(call.Arguments[1]);
            Assert.Contains("""{"line":2,"column":23,"message":"[column-naming] The column name totalRevenue does not match""", markers, StringComparison.Ordinal);
            Assert.Contains("""{"line":1,"column":44,"message":"[product-naming] The product name totals does not match ^sales_.""", markers, StringComparison.Ordinal);
            Assert.Contains("\"severity\":\"warning\"", markers, StringComparison.Ordinal);
            Assert.Contains("\"severity\":\"error\"", markers, StringComparison.Ordinal);
        }, ComponentTestContext.Timeout);
    }
}
