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

/// <summary>The jobs of the user's domains: health, schedule, run now, pause/resume, recent runs.</summary>
public sealed partial class JobsPage : UserPage
{
    public const int RecentRuns = 20;

    private UserContext? _user;
    private IReadOnlyList<JobView>? _jobs;
    /// <summary>Expanded jobs; null while their runs load.</summary>
    private readonly Dictionary<QualifiedName, IReadOnlyList<JobRunView>?> _runs = [];
    private readonly HashSet<QualifiedName> _running = [];
    /// <summary>Jobs whose quarantine is shown; null while it loads.</summary>
    private readonly Dictionary<QualifiedName, QueryResult?> _quarantine = [];
    private readonly UserActionState _action = new();

    [Inject]
    public required JobService Jobs { get; init; }

    [Inject]
    public required JobActions Actions { get; init; }

    [Inject]
    public required QuarantineBrowser Quarantine { get; init; }

    protected override Task OnInitializedAsync() => LoadForUserAsync(async user =>
    {
        _user = user;
        await LoadAsync();
    });

    private async Task LoadAsync()
    {
        _jobs = await Jobs.ListAsync(_user!, CancellationToken.None);
        foreach (var name in _runs.Keys.ToList())
            _runs[name] = await Jobs.ListRunsAsync(name, RecentRuns, CancellationToken.None);
    }

    private async Task ToggleRunsAsync(QualifiedName job)
    {
        if (_runs.Remove(job))
            return;
        _runs[job] = null;
        StateHasChanged();
        _runs[job] = await Jobs.ListRunsAsync(job, RecentRuns, CancellationToken.None);
    }

    private async Task ToggleQuarantineAsync(QualifiedName job)
    {
        if (_quarantine.Remove(job))
            return;
        _quarantine[job] = null;
        StateHasChanged();
        try
        {
            _quarantine[job] = await Quarantine.ReadAsync(_user!, job, CancellationToken.None) ?? new QueryResult([], []);
        }
        catch (Exception e) when (e is AccessDeniedException or SqlException or InvalidOperationException)
        {
            _quarantine.Remove(job);
            _action.Say(Severity.Error, e.Message);
        }
    }

    private async Task RunNowAsync(JobView job)
    {
        _running.Add(job.Name);
        try
        {
            var outcome = await Actions.RunAsync(_user!, job.Name, CancellationToken.None);
            if (outcome.Succeeded)
                _action.Say(Severity.Success, JobDisplay.RunMessage(job.Name, job.Product, outcome));
            else
                _action.Say(Severity.Error, $"{job.Name} failed: {outcome.Error}");
            _quarantine.Remove(job.Name);
            await LoadAsync();
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException or InvalidOperationException)
        {
            _action.Say(Severity.Error, e.Message);
        }
        finally
        {
            _running.Remove(job.Name);
        }
    }

    private Task SetPausedAsync(JobView job, bool paused) => _action.RunAsync(async () =>
    {
        await Actions.SetPausedAsync(_user!, job.Name, paused, CancellationToken.None);
        await LoadAsync();
        _action.Say(Severity.Success, paused ? $"{job.Name} is paused: the scheduler skips it until you resume it." : $"{job.Name} resumed.");
    });
}
