using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Jobs;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MeshStudio.Application.Tokens;
using MeshStudio.Application.Sources;
using MeshStudio.Application.Products;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Domains;
using MeshStudio.Application.Access;

namespace MeshStudio.Catalog.Tests.Fixtures;

/// <summary>
/// Writes a small catalog through the catalog services of the commit it is compiled with: users and roles, three
/// domains, a source, two jobs (one altered), committed runs and a failed one, a published product, a draft, an
/// approved grant, a refused request, a token, and the audit entries all of these write. make-fixture.sh copies this
/// file into a checkout of an earlier commit and runs it; it does nothing unless MESHSTUDIO_FIXTURE_OUT names the folder.
/// </summary>
public sealed class CatalogFixtureGenerator
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Generate_AskedByTheFixtureScript_WritesTheCatalog()
    {
        var folder = Environment.GetEnvironmentVariable("MESHSTUDIO_FIXTURE_OUT");
        if (string.IsNullOrEmpty(folder))
            return;
        Directory.CreateDirectory(folder);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddMeshCatalog($"Data Source={Path.Combine(folder, "catalog.db")};Pooling=False")
            .BuildServiceProvider();
        T Get<T>() where T : notnull => services.GetRequiredService<T>();
        await Get<CatalogStartup>().InitializeAsync(Ct);
        await AddUsersAsync(Get<IDbContextFactory<MeshDbContext>>());
        async Task<UserContext> User(string name) => (await Get<UserContextLoader>().LoadByUserNameAsync(name, Ct))!;

        var admin = await User("admin");
        foreach (var domain in new[] { "sales", "marketing", "logistics" })
            await Get<DomainService>().CreateAsync(admin, domain, $"The {domain} domain.", Ct);
        await Get<DomainService>().AddMemberAsync(admin, "sales", "sally", DomainRole.Owner, Ct);
        await Get<DomainService>().AddMemberAsync(admin, "sales", "sam", DomainRole.Analyst, Ct);
        await Get<DomainService>().AddMemberAsync(admin, "marketing", "mia", DomainRole.Owner, Ct);
        await Get<DomainService>().AddMemberAsync(admin, "logistics", "leo", DomainRole.Analyst, Ct);
        var (steward, sally, sam, mia, leo) =
            (await User("steward"), await User("sally"), await User("sam"), await User("mia"), await User("leo"));

        ColumnSchema[] orderColumns = [new("order_id", "VARCHAR"), new("country", "VARCHAR"), new("amount", "DOUBLE"), new("ts", "TIMESTAMP")];
        await Get<SourceService>().UpsertAsync(sam, new CreateSourceStatement(Q("sales.orders"), orderColumns,
            new Dictionary<string, string> { ["format"] = "json", ["event_time"] = "ts" }), "CREATE SOURCE sales.orders (…)", Ct);

        var jobs = Get<JobService>();
        const string RevenueV1 = "CREATE JOB sales.job_revenue WITH (run_interval = '1 minute') AS INSERT INTO sales.revenue_by_country " +
            "SELECT country, sum(amount) AS revenue, count(*) AS orders FROM sales.orders GROUP BY country";
        var revenue = await jobs.SaveAsync(sam, (CreateJobStatement)MeshSqlParser.Parse(RevenueV1), RevenueV1, Ct);
        await jobs.AlterAsync(sam, (AlterJobStatement)MeshSqlParser.Parse(
            "ALTER JOB sales.job_revenue WITH (run_interval = '5 minutes') AS INSERT INTO sales.revenue_by_country " +
            "SELECT country, sum(amount) AS revenue, count(*) AS orders FROM sales.orders WHERE amount > 0 GROUP BY country"), Ct);
        ColumnSchema[] revenueColumns =
            [new("country", "VARCHAR", "ISO country code"), new("revenue", "DOUBLE", "Sum of order amounts"), new("orders", "BIGINT")];
        var committer = Get<JobCommitter>();
        for (var run = 1; run <= 2; run++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            var now = clock.GetUtcNow().UtcDateTime;
            // The ALTER asked for a backfill ({}); each run then moves the checkpoint on.
            var committed = await committer.CommitAsync(Q("sales.revenue_by_country"),
                new SnapshotResult($"sales/revenue_by_country/snap-{run}", 40 + run, revenueColumns),
                new Dictionary<string, IReadOnlyCollection<string>>(),
                new JobRunRecord(revenue.Id, now.AddSeconds(-3), now, 100 * run, 40 + run, 1200, "incremental (append)", null),
                run == 1 ? Model.Job.BackfillCheckpoint : "{\"sales.orders\":1}", $"{{\"sales.orders\":{run}}}", Ct);
            Assert.True(committed);
        }
        clock.Advance(TimeSpan.FromMinutes(5));
        var failedAt = clock.GetUtcNow().UtcDateTime;
        await committer.RecordRunAsync(new JobRunRecord(revenue.Id, failedAt.AddSeconds(-1), failedAt, 0, 0, null, null, "Binder Error: column x not found"), Ct);

        var products = Get<ProductService>();
        await products.UpdateMetadataAsync(sally, Q("sales.revenue_by_country"), "Revenue by country",
            "Daily **revenue** per country, from the orders stream.", ["finance", "kpi"], Ct);
        var review = await Get<ReviewService>().OpenAsync(sally, Q("sales.revenue_by_country"), Ct);
        await Get<ReviewService>().ApproveAsync(steward, review, "Looks good.", Ct);

        const string Campaigns = "CREATE JOB marketing.job_campaigns AS INSERT INTO marketing.campaigns SELECT 'spring' AS campaign";
        await jobs.SaveAsync(mia, (CreateJobStatement)MeshSqlParser.Parse(Campaigns), Campaigns, Ct);
        await products.RecordSnapshotAsync(Q("marketing.campaigns"), new SnapshotResult("marketing/campaigns/snap-1", 7, [new("campaign", "VARCHAR")]),
            new Dictionary<string, IReadOnlyCollection<string>>(), Ct);

        var access = Get<AccessService>();
        var granted = await access.RequestAsync(leo, Q("sales.revenue_by_country"), "Shipping forecast per country", Ct);
        await access.DecideAsync(sally, granted, approve: true, "For the forecast.", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), Ct);
        var refused = await access.RequestAsync(mia, Q("sales.revenue_by_country"), "Campaign planning", Ct);
        await access.DecideAsync(sally, refused, approve: false, "Use the aggregated product instead.", null, Ct);

        await Get<TokenService>().CreateAsync(sam.UserId, "notebook", null, Ct);
        await Get<AuditLog>().WriteAsync("system", "fixture.made", "catalog", "made by CatalogFixtureGenerator", Ct);
    }

    private static async Task AddUsersAsync(IDbContextFactory<MeshDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync(Ct);
        foreach (var role in new[] { PlatformRoles.Admin, PlatformRoles.Steward })
            db.Roles.Add(new IdentityRole(role) { Id = role + "-role", NormalizedName = role.ToUpperInvariant() });
        foreach (var (name, display) in new[]
                 {
                     ("admin", "Ada Admin"), ("steward", "Stella Steward"), ("sally", "Sally Sales"),
                     ("sam", "Sam Analyst"), ("mia", "Mia Marketing"), ("leo", "Leo Logistics"),
                 })
        {
            db.Users.Add(new AppUser
            {
                Id = name + "-id", UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = display,
                SecurityStamp = name + "-stamp", ConcurrencyStamp = name + "-concurrency",
            });
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = "admin-id", RoleId = PlatformRoles.Admin + "-role" });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = "steward-id", RoleId = PlatformRoles.Steward + "-role" });
        await db.SaveChangesAsync(Ct);
    }

    private static QualifiedName Q(string text) => QualifiedName.TryParse(text, out var name) ? name : throw new ArgumentException(text);
}
