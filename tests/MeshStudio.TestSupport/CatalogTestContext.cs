using MeshStudio.Application;
using MeshStudio.Application.Access;
using MeshStudio.Application.Domains;
using MeshStudio.Application.Entitlements;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Products;
using MeshStudio.Application.Search;
using MeshStudio.Application.Sources;
using MeshStudio.Application.Tokens;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.TestSupport;

/// <summary>
/// A fresh catalog per test (in-memory SQLite, or a new PostgreSQL database: <see cref="TestCatalogDatabase"/>), wired
/// exactly as the app wires it (AddMeshCatalog and the catalog's use cases), with the three demo domains and one user per role.
/// </summary>
public sealed class CatalogTestContext : IAsyncDisposable
{
    private readonly TestCatalogDatabase _database;
    private readonly ServiceProvider _services;

    private CatalogTestContext(TestCatalogDatabase database, ServiceProvider services, FakeTimeProvider clock)
    {
        _database = database;
        _services = services;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }
    public IServiceProvider Services => _services;
    public Dictionary<string, string> ApiKeys { get; } = [];

    public UserContext Admin { get; private set; } = null!;
    public UserContext Steward { get; private set; } = null!;
    /// <summary>Owner of sales.</summary>
    public UserContext Sally { get; private set; } = null!;
    /// <summary>Analyst in sales.</summary>
    public UserContext Sam { get; private set; } = null!;
    /// <summary>Owner of marketing.</summary>
    public UserContext Mia { get; private set; } = null!;
    /// <summary>Analyst in logistics: a consumer of the others' products.</summary>
    public UserContext Leo { get; private set; } = null!;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public DomainService Domains => Get<DomainService>();
    public SourceService Sources => Get<SourceService>();
    public ProductService Products => Get<ProductService>();
    public JobService Jobs => Get<JobService>();
    public ReviewService Reviews => Get<ReviewService>();
    public AccessService Access => Get<AccessService>();
    public EntitlementService Entitlements => Get<EntitlementService>();
    public ProductSearch Search => Get<ProductSearch>();
    public TokenService Tokens => Get<TokenService>();
    public AuditLog Audit => Get<AuditLog>();

    public static async Task<CatalogTestContext> CreateAsync()
    {
        var database = await TestCatalogDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddMeshCatalog(database.Configure)
            .AddMeshCatalogUseCases()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var context = new CatalogTestContext(database, services, clock);
        await context.SeedAsync();
        return context;
    }

    public async Task<MeshDbContext> DbAsync() =>
        await Get<IDbContextFactory<MeshDbContext>>().CreateDbContextAsync();

    private async Task SeedAsync()
    {
        await using (var db = await DbAsync())
        {
            await CatalogDatabase.InitializeAsync(db, CancellationToken.None);
            foreach (var role in new[] { PlatformRoles.Admin, PlatformRoles.Steward })
                db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            foreach (var (name, display) in new[]
                     {
                         ("admin", "Ada Admin"), ("steward", "Stella Steward"), ("sally", "Sally Sales"),
                         ("sam", "Sam Analyst"), ("mia", "Mia Marketing"), ("leo", "Leo Logistics"),
                     })
            {
                db.Users.Add(new AppUser { Id = name + "-id", UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = display });
            }
            await db.SaveChangesAsync();
            var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "admin-id", RoleId = roles[PlatformRoles.Admin] });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = "steward-id", RoleId = roles[PlatformRoles.Steward] });
            await db.SaveChangesAsync();
        }

        Admin = await UserAsync("admin");
        foreach (var domain in new[] { "sales", "marketing", "logistics" })
            ApiKeys[domain] = await Domains.CreateAsync(Admin, domain, $"The {domain} domain.", CancellationToken.None);
        await Domains.AddMemberAsync(Admin, "sales", "sally", DomainRole.Owner, CancellationToken.None);
        await Domains.AddMemberAsync(Admin, "sales", "sam", DomainRole.Analyst, CancellationToken.None);
        await Domains.AddMemberAsync(Admin, "marketing", "mia", DomainRole.Owner, CancellationToken.None);
        await Domains.AddMemberAsync(Admin, "logistics", "leo", DomainRole.Analyst, CancellationToken.None);

        Steward = await UserAsync("steward");
        Sally = await UserAsync("sally");
        Sam = await UserAsync("sam");
        Mia = await UserAsync("mia");
        Leo = await UserAsync("leo");
    }

    public async Task<UserContext> UserAsync(string userName) =>
        await Get<UserContextLoader>().LoadByUserNameAsync(userName, CancellationToken.None)
        ?? throw new InvalidOperationException($"No user {userName}.");

    public static QualifiedName Q(string text) =>
        QualifiedName.TryParse(text, out var name) ? name : throw new ArgumentException(text);

    public static CreateJobStatement JobStatement(string job, string target, string[]? keys = null, string? runInterval = "2 seconds")
    {
        var options = new Dictionary<string, string>();
        if (runInterval is not null)
            options["run_interval"] = runInterval;
        return new CreateJobStatement(Q(job), options, Q(target), keys ?? [], "SELECT 1", 0);
    }

    public static readonly ColumnSchema[] CleanColumns =
    [
        new("country", "VARCHAR", "ISO country code"),
        new("revenue", "DOUBLE", "Sum of order amounts"),
        new("orders", "BIGINT"),
    ];

    /// <summary>Deploys a job that creates the product (as a Draft) and commits one snapshot of it.</summary>
    public async Task DeployWithDataAsync(UserContext author, string product, IReadOnlyList<ColumnSchema>? columns = null,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>>? samples = null)
    {
        var target = Q(product);
        await Jobs.SaveAsync(author, JobStatement($"{target.Domain}.job_{target.Name}", product), "CREATE JOB …", CancellationToken.None);
        await Products.RecordSnapshotAsync(target, new SnapshotResult($"{target.Domain}/{target.Name}/snap-1", 42, columns ?? CleanColumns),
            samples ?? new Dictionary<string, IReadOnlyCollection<string>>(), CancellationToken.None);
    }

    /// <summary>Deploys, describes, reviews and approves a product: it ends Published and searchable.</summary>
    public async Task PublishAsync(UserContext author, string product, string title, string description, string[] tags,
        IReadOnlyList<ColumnSchema>? columns = null)
    {
        await DeployWithDataAsync(author, product, columns);
        await Products.UpdateMetadataAsync(author, Q(product), title, description, tags, CancellationToken.None);
        var review = await Reviews.OpenAsync(author, Q(product), CancellationToken.None);
        await Reviews.ApproveAsync(Steward, review, "Looks good.", CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
