using System.Globalization;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Jobs;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Jobs;

/// <summary>
/// One job: state, run now, pause/resume, backfill, drop; freshness, expectation counters, quarantine,
/// last error at its SQL position, throughput and latency charts, runs, and versions with a diff to the previous one.
/// Members of the job's domain see it; its authors change it.
/// </summary>
public sealed partial class JobPage : UserPage, IDisposable
{
    public const int RecentRuns = 30;

    /// <summary>Runs listed before "Show all".</summary>
    public const int RunsShown = 10;

    private const int MaxChartLabels = 8;

    /// <summary>The page reloads the job this often while it is open, so runs of the scheduler show up.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private enum PendingAction
    {
        None,
        Backfill,
        Drop,
    }

    private readonly CancellationTokenSource _disposed = new();
    private readonly UserActionState _action = new();
    private UserContext? _user;
    private JobDetails? _job;
    private IReadOnlyList<JobVersionView>? _versions;
    private int _selectedVersion;
    private IReadOnlyList<DiffLine>? _diff;
    private bool _loading = true;
    private bool _canAuthor;
    private bool _canReadSources;
    private bool _running;
    private PendingAction _confirm;
    private bool _showQuarantine;
    private bool _allRuns;
    private QueryResult? _quarantine;
    private QualifiedName? _dropped;
    private List<ChartSeries<double>> _throughput = [];
    private List<ChartSeries<double>> _latency = [];
    private string[] _labels = [];
    private List<BreadcrumbItem> _breadcrumbs = [];

    private readonly LineChartOptions _chartOptions = new()
    {
        ShowLegend = false,
        YAxisRequireZeroPoint = true,
        ClampToZero = true,
        ShowDataMarkers = true,
        LineStrokeWidth = 2,
        YAxisFormat = "#,##0",
        MaxNumYAxisTicks = 5,
    };

    [Inject]
    public required JobService Jobs { get; init; }

    [Inject]
    public required JobActions Actions { get; init; }

    [Inject]
    public required QuarantineBrowser Quarantine { get; init; }

    [Parameter]
    public string Domain { get; set; } = "";

    [Parameter]
    public string Name { get; set; } = "";

    private string QualifiedJob => $"{Domain}.{Name}";

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _confirm = PendingAction.None;
        _dropped = null;
        _showQuarantine = false;
        _breadcrumbs = [new BreadcrumbItem("Jobs", AppUrls.Jobs), new BreadcrumbItem(QualifiedJob, null, disabled: true)];
        Error = null;
        await LoadForUserAsync(async user =>
        {
            _user = user;
            _selectedVersion = 0;
            await LoadAsync();
        });
        _loading = false;
        StartRefreshing();
    }

    private async Task LoadAsync()
    {
        if (!QualifiedName.TryParse(QualifiedJob, out var name))
        {
            _job = null;
            return;
        }
        _job = await Jobs.GetAsync(_user!, name, RecentRuns, _disposed.Token);
        _canAuthor = _job is not null && AccessRules.CanAuthorIn(_user!, name.Domain);
        _canReadSources = _job is not null && AccessRules.CanReadSource(_user!, name.Domain);
        _versions = _job is null ? null : await Jobs.ListVersionsAsync(_user!, name, _disposed.Token);
        if (_versions is { Count: > 0 } versions && versions.All(v => v.Version != _selectedVersion))
            SelectVersion(versions[0].Version);
        BuildCharts();
    }

    private bool _refreshing;

    private void StartRefreshing()
    {
        if (_refreshing || _job is null)
            return;
        _refreshing = true;
        _ = RefreshLoopAsync();
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshEvery, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                if (_job is null || _dropped is not null || _action.Busy)
                    continue;
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away while a refresh was on its way.
        }
    }

    private void SelectVersion(int version)
    {
        _selectedVersion = version;
        var current = _versions?.FirstOrDefault(v => v.Version == version);
        var previous = _versions?.Where(v => v.Version < version).MaxBy(v => v.Version);
        _diff = current is null || previous is null ? null : LineDiff.Compute(previous.Definition, current.Definition);
    }

    private void BuildCharts()
    {
        var runs = (_job?.RecentRuns ?? []).Reverse().ToList();
        // At most about eight time labels: thirty squeezed under a chart cannot be read.
        var every = Math.Max(1, (int)Math.Ceiling(runs.Count / (double)MaxChartLabels));
        _labels = runs.Select((r, i) => (runs.Count - 1 - i) % every == 0 ? r.StartedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "").ToArray();
        _throughput = [new ChartSeries<double> { Name = "Rows in / s", Data = runs.Select(r => JobDisplay.Throughput(r) ?? 0).ToArray() }];
        _latency = [new ChartSeries<double> { Name = "Latency (ms)", Data = runs.Select(r => (double)(r.LatencyMs ?? 0)).ToArray() }];
    }

    private async Task RunNowAsync()
    {
        var job = _job!;
        _running = true;
        await _action.RunAsync(async () =>
        {
            try
            {
                var outcome = await Actions.RunAsync(_user!, job.Name, _disposed.Token);
                await LoadAsync();
                if (outcome.Succeeded)
                    _action.Say(Severity.Success, JobDisplay.RunMessage(job.Name, job.Product, outcome));
                else
                    _action.Say(Severity.Error, $"{job.Name} failed: {outcome.Error}");
            }
            finally
            {
                _running = false;
            }
        }, clearMessage: true);
    }

    private Task SetPausedAsync(bool paused) => _action.RunAsync(async () =>
    {
        await Actions.SetPausedAsync(_user!, _job!.Name, paused, _disposed.Token);
        await LoadAsync();
        _action.Say(Severity.Success, paused
            ? $"{_job!.Name} is paused: the scheduler skips it until you resume it."
            : $"{_job!.Name} resumed.");
    }, clearMessage: true);

    private Task BackfillAsync() => _action.RunAsync(async () =>
    {
        _confirm = PendingAction.None;
        var job = _job!;
        _running = true;
        try
        {
            var outcome = await Actions.BackfillAsync(_user!, job.Name, _disposed.Token);
            await LoadAsync();
            if (outcome.Succeeded)
                _action.Say(Severity.Success, $"{job.Name} backfilled: {job.Product} was recomputed from the beginning of its inputs.");
            else
                _action.Say(Severity.Error, $"The backfill of {job.Name} failed: {outcome.Error}");
        }
        finally
        {
            _running = false;
        }
    }, clearMessage: true);

    private Task DropAsync() => _action.RunAsync(async () =>
    {
        _confirm = PendingAction.None;
        var job = _job!;
        await Actions.DropAsync(_user!, job.Name, _disposed.Token);
        _dropped = job.Product;
        _job = null;
    }, clearMessage: true);

    private async Task ToggleQuarantineAsync()
    {
        if (_showQuarantine)
        {
            _showQuarantine = false;
            return;
        }
        _showQuarantine = true;
        _quarantine = null;
        StateHasChanged();
        try
        {
            _quarantine = await Quarantine.ReadAsync(_user!, _job!.Name, _disposed.Token) ?? new QueryResult([], []);
        }
        catch (Exception e) when (e is AccessDeniedException or SqlException or InvalidOperationException)
        {
            _showQuarantine = false;
            _action.Say(Severity.Error, e.Message);
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
