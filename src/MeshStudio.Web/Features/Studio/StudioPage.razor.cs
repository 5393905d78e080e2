using MeshStudio.Application.Entitlements;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Governance.Policies;
using MeshStudio.Application.Products;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Web.Components.Shared;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Studio;

public sealed partial class StudioPage : IDisposable
{
    private const string DefaultSql = "SELECT *\nFROM sales.revenue_by_country\nORDER BY revenue DESC";

    private SqlEditor? _editor;
    private QueryRun _run = default!;
    private UserContext _user = default!;
    private IReadOnlyList<SchemaEntry> _schema = [];
    private IReadOnlyList<string> _authorDomains = [];
    private bool _showSaveJob;
    private bool _saving;
    private bool _live;
    private DeployResult? _deployResult;
    private QualifiedName? _deployedProduct;
    private CancellationTokenSource? _liveSubscription;
    private readonly CancellationTokenSource _disposed = new();

    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    [Inject]
    public required ExecutionService Execution { get; init; }

    [Inject]
    public required EntitlementService Entitlements { get; init; }

    [Inject]
    public required PipelineDeployer Deployer { get; init; }

    [Inject]
    public required ProductData Data { get; init; }

    [Inject]
    public required ISqlParser Parser { get; init; }

    [Inject]
    public required JobPolicyCheck Policies { get; init; }

    /// <summary>SQL to open with, e.g. from a product page's "Open in Studio".</summary>
    [SupplyParameterFromQuery(Name = "sql")]
    public string? Sql { get; set; }

    private string InitialSql => string.IsNullOrWhiteSpace(Sql) ? DefaultSql : Sql;

    protected override async Task OnInitializedAsync()
    {
        _run = new QueryRun(Execution);
        _run.Changed += () => InvokeAsync(StateHasChanged);
        _user = await CurrentUser.GetAsync(_disposed.Token);
        _authorDomains = _user.Memberships.Keys.Where(d => AccessRules.CanAuthorIn(_user, d)).Order().ToList();
        await LoadSchemaAsync();
    }

    private async Task LoadSchemaAsync()
    {
        var grant = await Entitlements.GrantForAsync(_user, _disposed.Token);
        _schema = grant.Relations
            .Select(r => new SchemaEntry(r.Name, r.Kind == RelationKind.Product ? "product" : "source", r.Columns ?? []))
            .ToList();
    }

    private async Task RunAsync()
    {
        var sql = await _editor!.GetValueAsync();
        _deployResult = null;
        if (MeshSqlParser.ParseScript(sql) is { Succeeded: true } script
            && script.Statements.Any(s => s is not QueryStatement))
        {
            await DeployAsync(sql, script);
            return;
        }
        await _run.RunAsync(_user, sql);
        await _editor.ShowErrorsAsync(_run.Error is null ? [] : [_run.Error]);
        if (_live)
            Follow(sql);
    }

    private async Task PreviewAsync(SchemaEntry entry)
    {
        var sql = ProductQueries.Explore(entry.Name);
        await _editor!.SetValueAsync(sql);
        await RunAsync();
    }

    /// <summary>
    /// Inline markers while typing: dialect parse errors, then syntax errors of the query, then DuckDB bind errors; for a
    /// job, the governance policies it breaks (errors where they block the deploy, warnings otherwise).
    /// </summary>
    private async Task CheckAsync(string sql)
    {
        var parsed = MeshSqlParser.ParseScript(sql);
        var errors = parsed.Errors.ToList();
        var warnings = new List<SqlError>();
        if (parsed.Succeeded && parsed.Statements is [var statement])
        {
            var job = statement switch
            {
                CreateJobStatement j => j,
                AlterJobStatement a => a.Job,
                _ => null,
            };
            var (query, offset) = statement is QueryStatement q ? (q.Sql, q.ScriptOffset) : (job?.Query, job?.QueryOffset ?? 0);
            if (query is not null && Parser.Parse(query).Error is { } syntaxError)
            {
                errors.Add(SqlPositions.Shift(syntaxError, sql, offset));
            }
            else if (query is not null)
            {
                var (output, bindError) = await Execution.DescribeAsync(_user, query, _disposed.Token);
                if (bindError is not null)
                    errors.Add(SqlPositions.Shift(bindError, sql, offset));
                else if (job is not null)
                {
                    var violations = await Policies.CheckAsync(sql, job, output, _disposed.Token);
                    errors.AddRange(violations.Where(v => v.Blocks).Select(v => v.Error));
                    warnings.AddRange(violations.Where(v => !v.Blocks).Select(v => v.Error));
                }
            }
        }
        await _editor!.ShowErrorsAsync(errors, warnings);
    }

    /// <summary>Deploys the job composed by the "Save as job" form.</summary>
    private Task DeployAsync(string script) => DeployAsync(script, MeshSqlParser.ParseScript(script));

    private async Task DeployAsync(string script, ScriptParseResult parsed)
    {
        _saving = true;
        _deployedProduct = null;
        try
        {
            var domain = parsed.Statements
                .Select(s => s switch
                {
                    CreateJobStatement j => j.Name.Domain,
                    AlterJobStatement a => a.Job.Name.Domain,
                    DropJobStatement d => d.Name.Domain,
                    CreateSourceStatement c => c.Name.Domain,
                    _ => null,
                })
                .FirstOrDefault(d => d is not null) ?? "";
            _deployResult = await Deployer.DeployAsync(_user, domain, script, _disposed.Token);
            _deployedProduct = parsed.Statements
                .Select(s => s switch { CreateJobStatement j => j.Target, AlterJobStatement a => a.Job.Target, _ => null })
                .LastOrDefault(t => t is not null);
            await _editor!.ShowErrorsAsync(_deployResult.Errors, _deployResult.Warnings);
            if (_deployResult.Succeeded)
            {
                _showSaveJob = false;
                await LoadSchemaAsync();
            }
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException)
        {
            _deployResult = new DeployResult([new StatementOutcome("script", null, false, e.Message)]);
        }
        finally
        {
            _saving = false;
        }
    }

    private void SetLive(bool live)
    {
        _live = live;
        _liveSubscription?.Cancel();
        if (live && _run.Sql is { } sql && _run.Error is null)
            Follow(sql);
    }

    /// <summary>Re-runs the query whenever a product it reads commits a new snapshot.</summary>
    private void Follow(string sql)
    {
        _liveSubscription?.Cancel();
        var products = ReferencedProducts(sql);
        if (products.Count == 0)
            return;
        _liveSubscription = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        var token = _liveSubscription.Token;
        foreach (var product in products)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var _ in (await Data.SubscribeAsync(_user, product, token)).WithCancellation(token))
                    {
                        if (!_run.IsRunning)
                            await InvokeAsync(() => _run.RunAsync(_user, sql));
                    }
                }
                catch (OperationCanceledException)
                {
                    // Live mode switched off or the page closed.
                }
                catch (AccessDeniedException)
                {
                    // Not followed: the user may not read this product's data (the query itself says why).
                }
            }, token);
        }
    }

    /// <summary>The products the query reads, from its syntax tree: a name in a string or a comment is not read.</summary>
    private List<QualifiedName> ReferencedProducts(string sql)
    {
        if (Parser.Parse(sql).Query is not { } query)
            return [];
        var read = QueryRelations.Of(query).Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _schema.Where(e => e.Kind == "product" && read.Contains(e.Name.ToString())).Select(e => e.Name).ToList();
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _run.Dispose();
        _liveSubscription?.Dispose();
        _disposed.Dispose();
    }
}
