using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using MeshStudio.Application;
using MeshStudio.Application.Domains;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Products;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Engine;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MeshStudio.Web.Tests.Shared;

/// <summary>
/// bUnit with the real platform behind the pages: a SQLite catalog file and a DuckDB lake in a temp folder,
/// wired with the same AddMeshCatalog / AddMeshEngine calls as the app, plus the Web services the pages
/// inject. Seeded with one user per role and the sales and marketing domains; tests add what they need
/// through the real services (deploy, ingest, run, review).
/// </summary>
public sealed class ComponentTestContext : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, string> _userIds = [];
    private readonly Dictionary<string, string[]> _roles = [];
    private readonly BunitAuthorizationContext _auth;

    private ComponentTestContext(BunitContext bunit, string root)
    {
        Bunit = bunit;
        Root = root;
        _auth = bunit.AddAuthorization();
    }

    public BunitContext Bunit { get; }

    /// <summary>The temp folder holding the catalog database and the lake.</summary>
    public string Root { get; }

    public T Get<T>() where T : notnull => Bunit.Services.GetRequiredService<T>();

    public static async Task<ComponentTestContext> CreateAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "meshstudio-component-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var bunit = new BunitContext();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        // The lineage diagram asks the browser for its canvas's bounds; a default (null) answer would break it.
        bunit.JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1200, 800));
        var context = new ComponentTestContext(bunit, root);

        var services = bunit.Services;
        services.AddLogging();
        services.AddMudServices();
        services.AddMeshCatalog($"Data Source={Path.Combine(root, "catalog.db")}");
        services.AddMeshEngine(new LakeOptions(Path.Combine(root, "lake")));
        services.AddIdentityCore<AppUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MeshDbContext>();
        services.AddSingleton<UserContextResolver>();
        services.AddScoped<CurrentUser>();
        services.AddMeshApplication();

        await context.SeedAsync();
        return context;
    }

    private async Task SeedAsync()
    {
        await using (var db = await Get<IDbContextFactory<MeshDbContext>>().CreateDbContextAsync())
            await CatalogDatabase.InitializeAsync(db, CancellationToken.None);

        using (var scope = Bunit.Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in new[] { PlatformRoles.Admin, PlatformRoles.Steward })
                Check(await roles.CreateAsync(new IdentityRole(role)));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, display, role) in new[]
                     {
                         ("admin", "Ada Admin", PlatformRoles.Admin), ("steward", "Stella Steward", PlatformRoles.Steward),
                         ("sally", "Sally Sales", null), ("sam", "Sam Analyst", null), ("mia", "Mia Marketing", null),
                         ("carl", "Carl Consumer", null),
                     })
            {
                var user = new AppUser { UserName = name, DisplayName = display };
                Check(await users.CreateAsync(user));
                if (role is not null)
                    Check(await users.AddToRoleAsync(user, role));
                _userIds[name] = user.Id;
                _roles[name] = role is null ? [] : [role];
            }
        }

        var admin = await UserAsync("admin");
        var domains = Get<DomainService>();
        await domains.CreateAsync(admin, "sales", "Orders and revenue from the web shop.", CancellationToken.None);
        await domains.CreateAsync(admin, "marketing", "Campaigns and their performance.", CancellationToken.None);
        await domains.AddMemberAsync(admin, "sales", "sally", DomainRole.Owner, CancellationToken.None);
        await domains.AddMemberAsync(admin, "sales", "sam", DomainRole.Analyst, CancellationToken.None);
        await domains.AddMemberAsync(admin, "marketing", "mia", DomainRole.Owner, CancellationToken.None);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    public string UserId(string userName) => _userIds[userName];

    public async Task<UserContext> UserAsync(string userName) =>
        await Get<UserContextLoader>().LoadByUserNameAsync(userName, CancellationToken.None)
        ?? throw new InvalidOperationException($"No user {userName}.");

    /// <summary>Signs the user in as the cookie would: name, roles and the real user id as NameIdentifier.</summary>
    public void SignIn(string userName)
    {
        _auth.SetAuthorized(userName);
        _auth.SetRoles(_roles[userName]);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, _userIds[userName]), new Claim(ClaimTypes.Name, userName));
    }

    public IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent =>
        parameters is null ? Bunit.Render<TComponent>() : Bunit.Render(parameters);

    public static QualifiedName Q(string text) =>
        QualifiedName.TryParse(text, out var name) ? name : throw new ArgumentException(text);

    /// <summary>
    /// Declares the sales.orders HTTP source (once), ingests a few orders through the event store and deploys
    /// a job writing <paramref name="product"/> from <paramref name="select"/>; the deploy runs the job once.
    /// </summary>
    public async Task DeploySalesProductAsync(string product, string select, string author = "sally")
    {
        var user = await UserAsync(author);
        var deployer = Get<PipelineDeployer>();
        if (!_ordersIngested)
        {
            var source = await deployer.DeployAsync(user, "sales", """
                CREATE SOURCE sales.orders (order_id VARCHAR, ts TIMESTAMP, country VARCHAR, amount DOUBLE, email VARCHAR)
                  WITH (format = 'json', ingest = 'http', event_time = 'ts');
                """, CancellationToken.None);
            Assert.True(source.Succeeded, string.Join(" ", source.Statements.Select(s => s.Message)));
            await Get<IEventStore>().AppendAsync(Q("sales.orders"),
            [
                """{"order_id":"o1","ts":"2026-03-01T10:00:00","country":"US","amount":10.5,"email":"ann@example.com"}""",
                """{"order_id":"o2","ts":"2026-03-01T10:01:00","country":"DE","amount":20.0,"email":"bob@example.com"}""",
                """{"order_id":"o3","ts":"2026-03-01T10:02:00","country":"US","amount":5.0,"email":"cy@example.com"}""",
            ], CancellationToken.None);
            _ordersIngested = true;
        }
        var job = await deployer.DeployAsync(user, "sales",
            $"CREATE JOB sales.{product}_job AS INSERT INTO sales.{product} {select}", CancellationToken.None);
        Assert.True(job.Succeeded, string.Join(" ", job.Statements.Select(s => s.Message)));
    }

    private bool _ordersIngested;

    /// <summary>A clean aggregate (no personal data) of the orders, keyed by country.</summary>
    public Task DeployRevenueAsync(string product = "revenue") =>
        DeploySalesProductAsync(product, "KEY (country) SELECT country, sum(amount) AS revenue, count(*) AS orders FROM sales.orders GROUP BY country");

    public async Task DescribeAsync(string product, string title, string description, params string[] tags) =>
        await Get<ProductService>().UpdateMetadataAsync(await UserAsync("sally"), Q(product), title, description, tags, CancellationToken.None);

    /// <summary>Describes, opens a review as sally and approves it as the steward: the product ends Published.</summary>
    public async Task PublishAsync(string product, string title, string description, params string[] tags)
    {
        await DescribeAsync(product, title, description, tags);
        var reviews = Get<ReviewService>();
        var id = await reviews.OpenAsync(await UserAsync("sally"), Q(product), CancellationToken.None);
        await reviews.ApproveAsync(await UserAsync("steward"), id, "Looks good.", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // DuckDB may still hold a file for a moment; the OS temp folder is cleaned eventually.
        }
    }
}
