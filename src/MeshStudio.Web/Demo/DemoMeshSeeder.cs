using MeshStudio.Application.Access;
using MeshStudio.Application.Domains;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Jobs;
using MeshStudio.Application.Products;
using MeshStudio.Application.Semantics;
using MeshStudio.Application.Tokens;
using MeshStudio.Catalog.Identity;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Core.Semantics;
using MeshStudio.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MeshStudio.Web.Demo;

/// <summary>
/// Seeds the demo mesh: users per role, three domains, their pipelines with some history, four published
/// products (one made from another domain's) and one waiting in review. Every step checks first, so a second start changes nothing.
/// </summary>
public sealed partial class DemoMeshSeeder(
    IServiceScopeFactory scopes,
    IOptions<MeshStudioOptions> options,
    DomainService domains,
    TokenService tokens,
    UserContextLoader userContexts,
    JobService jobs,
    ProductService products,
    ReviewService reviews,
    PipelineDeployer deployer,
    IEventStore events,
    TimeProvider time,
    ILogger<DemoMeshSeeder> logger,
    SemanticTypeService semanticTypes,
    AccessService access)
{
    private static readonly UserContext System = new("system", "system", IsAdmin: true, IsSteward: true, new Dictionary<string, DomainRole>());

    private static readonly (string Name, string Description)[] Domains =
    [
        ("sales", "Orders and revenue from the web shop."),
        ("marketing", "Campaigns, channels and their performance."),
        ("logistics", "Shipments, carriers and delivery times."),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.SeedDemoMesh)
            return;
        await SeedUsersAsync(settings.DemoUsers, cancellationToken);
        foreach (var (name, description) in Domains)
            await SeedDomainAsync(name, description, settings, cancellationToken);
        foreach (var user in settings.DemoUsers)
            await SeedMembershipsAsync(user, cancellationToken);

        // Before the pipelines: the sales job aligns its countries, and its first run happens at deploy.
        await SeedSemanticTypesAsync(cancellationToken);
        await SeedPipelineAsync("sales", DemoPipelines.Sales, (g, at) => g.Order(at), 2000, cancellationToken);
        await SeedPipelineAsync("marketing", DemoPipelines.Marketing, (g, at) => g.CampaignEvent(at), 600, cancellationToken);
        await SeedPipelineAsync("logistics", DemoPipelines.Logistics, (g, at) => g.Shipment(at), 800, cancellationToken);

        await PublishAsync(new("sales", "revenue_by_country"), "Revenue by country",
            "Live **revenue and order count per country**, aligned to ISO country codes (`US`, `DE`, `FR`, `GB`, `NL`).\n\n" +
            "Updated every two seconds from the web shop's order stream.", ["revenue", "finance", "live"], cancellationToken);
        await PublishAsync(new("marketing", "campaign_performance"), "Campaign performance",
            "Spend, clicks and conversions per **campaign**, with cost per conversion.\n\nUse it to compare channels.",
            ["campaigns", "roi"], cancellationToken);
        await PublishAsync(new("logistics", "delivery_performance"), "Delivery performance",
            "Average delivery days and **on-time rate** (delivered within 3 days) per carrier and country.",
            ["shipping", "sla"], cancellationToken);
        await SeedCrossDomainAsync(cancellationToken);
        await PublishAsync(new("marketing", "country_focus"), "Country focus",
            "Countries ranked by **revenue**, from sales' *Revenue by country*, to decide where campaigns go.",
            ["campaigns", "revenue"], cancellationToken);
        await OpenReviewAsync(new("sales", "customer_orders"), "Customer orders",
            "Orders and total spend per customer, with the customer's contact e-mail for campaign targeting.",
            ["customers"], cancellationToken);
    }

    private async Task SeedUsersAsync(IEnumerable<DemoUserOptions> demoUsers, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { PlatformRoles.Admin, PlatformRoles.Steward })
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }
        foreach (var demo in demoUsers)
        {
            var user = await users.FindByNameAsync(demo.UserName);
            if (user is null)
            {
                user = new AppUser { UserName = demo.UserName, DisplayName = demo.DisplayName, Email = $"{demo.UserName}@meshstudio.local" };
                var created = await users.CreateAsync(user, demo.Password);
                if (!created.Succeeded)
                    throw new InvalidOperationException($"Demo user {demo.UserName}: {string.Join(' ', created.Errors.Select(e => e.Description))}");
            }
            foreach (var role in demo.Roles.Where(r => r is PlatformRoles.Admin or PlatformRoles.Steward))
            {
                if (!await users.IsInRoleAsync(user, role))
                    await users.AddToRoleAsync(user, role);
            }
            if (!string.IsNullOrEmpty(demo.Token))
                await tokens.ImportAsync(user.Id, "demo token", demo.Token, cancellationToken);
        }
    }

    private static readonly SemanticType Country = new("country", "ISO 3166-1 alpha-2 country codes.",
    [
        new SemanticValue("US", ["U.S.", "USA", "U.S.A.", "United States", "United States of America", "America"]),
        new SemanticValue("DE", ["Germany", "Deutschland"]),
        new SemanticValue("FR", ["France"]),
        new SemanticValue("GB", ["UK", "United Kingdom", "Great Britain"]),
        new SemanticValue("NL", ["Netherlands", "Holland"]),
    ]);

    /// <summary>Creates the demo's semantic types once; later changes by stewards are kept.</summary>
    private async Task SeedSemanticTypesAsync(CancellationToken cancellationToken)
    {
        if (await semanticTypes.GetAsync(Country.Name, cancellationToken) is null)
            await semanticTypes.UpsertAsync(System, Country, cancellationToken);
    }

    private async Task SeedDomainAsync(string name, string description, MeshStudioOptions settings, CancellationToken cancellationToken)
    {
        if (!await domains.ExistsAsync(name, cancellationToken))
        {
            await domains.CreateAsync(System, name, description, cancellationToken);
            if (!settings.DemoApiKeys.ContainsKey(name))
                LogDomainCreated(logger, name);
        }
        if (settings.DemoApiKeys.TryGetValue(name, out var demoKey))
            await domains.SetApiKeyAsync(name, demoKey, cancellationToken);
    }

    private async Task SeedMembershipsAsync(DemoUserOptions user, CancellationToken cancellationToken)
    {
        foreach (var grant in user.Roles.Select(r => r.Split(':')).Where(p => p.Length == 2))
        {
            var role = grant[0] == "owner" ? DomainRole.Owner : DomainRole.Analyst;
            await domains.AddMemberAsync(System, grant[1], user.UserName, role, cancellationToken);
        }
    }

    private async Task SeedPipelineAsync(string domain, string script, Func<DemoEvents, DateTime, string> generate, int history, CancellationToken cancellationToken)
    {
        var owner = await DomainOwnerAsync(domain, cancellationToken);
        var firstSource = Core.Dialect.MeshSqlParser.ParseScript(script).Statements.OfType<Core.Dialect.CreateSourceStatement>().First().Name;
        var existing = await jobs.ListAsync(owner, cancellationToken);
        if (existing.Any(j => j.Name.Domain == domain))
            return;

        var generator = new DemoEvents(new Random(domain.GetHashCode(StringComparison.Ordinal)));
        var now = time.GetUtcNow().UtcDateTime;
        // The source must exist before its history is stored: deploy the source statement alone first.
        var sourceOnly = script[..(script.IndexOf(';', StringComparison.Ordinal) + 1)];
        Check(await deployer.DeployAsync(owner, domain, sourceOnly, cancellationToken), domain);
        var batch = Enumerable.Range(0, history).Select(i => generate(generator, now.AddSeconds(-i * 86400.0 / history))).ToList();
        await events.AppendAsync(firstSource, batch, cancellationToken);
        Check(await deployer.DeployAsync(owner, domain, script, cancellationToken), domain);
    }

    /// <summary>Marketing's owner gets a grant on sales' revenue (requested and approved) and deploys a job reading it.</summary>
    private async Task SeedCrossDomainAsync(CancellationToken cancellationToken)
    {
        var marketing = await DomainOwnerAsync("marketing", cancellationToken);
        if ((await jobs.ListAsync(marketing, cancellationToken)).Any(j => j.Name == new QualifiedName("marketing", "country_focus_job")))
            return;
        var revenue = new QualifiedName("sales", "revenue_by_country");
        if (!await access.HasActiveGrantAsync(marketing.UserId, revenue, cancellationToken))
        {
            var id = await access.RequestAsync(marketing, revenue, "Rank countries by revenue to decide where campaigns go.", cancellationToken);
            await access.DecideAsync(await DomainOwnerAsync("sales", cancellationToken), id, approve: true, "Seeded with the demo mesh.", null, cancellationToken);
        }
        Check(await deployer.DeployAsync(marketing, "marketing", DemoPipelines.MarketingFromSales, cancellationToken), "marketing");
    }

    private async Task PublishAsync(QualifiedName product, string title, string description, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var reviewId = await OpenReviewAsync(product, title, description, tags, cancellationToken);
        if (reviewId is { } id)
            await reviews.ApproveAsync(System, id, "Seeded with the demo mesh.", cancellationToken);
    }

    /// <summary>Describes a draft product and opens its review; null when it was already reviewed.</summary>
    private async Task<int?> OpenReviewAsync(QualifiedName product, string title, string description, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var owner = await DomainOwnerAsync(product.Domain, cancellationToken);
        var details = await products.GetAsync(owner, product, cancellationToken);
        if (details is null || details.Status != ProductStatus.Draft)
            return null;
        await products.UpdateMetadataAsync(owner, product, title, description, tags, cancellationToken);
        return await reviews.OpenAsync(owner, product, cancellationToken);
    }

    private async Task<UserContext> DomainOwnerAsync(string domain, CancellationToken cancellationToken)
    {
        var summary = (await domains.ListAsync(cancellationToken)).Single(d => d.Name == domain);
        var owner = summary.Members.FirstOrDefault(m => m.Role == DomainRole.Owner)
                    ?? throw new InvalidOperationException($"The demo domain {domain} has no owner: add one to MeshStudio:DemoUsers.");
        await using var scope = scopes.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(owner.UserName);
        return await userContexts.LoadAsync(user!.Id, cancellationToken) ?? throw new InvalidOperationException("Owner vanished.");
    }

    private static void Check(DeployResult result, string domain)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"The demo pipeline of {domain} failed: {string.Join("; ", result.Statements.Select(s => s.Message))}");
    }

    // A secret never goes to the log: owners get the domain's key by rotating it on the Domains page.
    [LoggerMessage(Level = LogLevel.Information, Message = "Created domain {Domain}; its owners rotate its ingestion API key on the Domains page to get one")]
    private static partial void LogDomainCreated(ILogger logger, string domain);
}
