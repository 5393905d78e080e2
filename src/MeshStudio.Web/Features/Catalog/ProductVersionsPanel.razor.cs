using MeshStudio.Application.Products.Versions;
using MeshStudio.Core.Products;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Catalog;

/// <summary>
/// The product's version history on its page (ADR 25): each version with its schema diff and the snapshots kept while it
/// was current (with the time-travel query that reads each), each major with its SQL name, deprecation date and, for
/// the domain's members, its consumers; the owner sets when an old major is deprecated.
/// </summary>
public partial class ProductVersionsPanel
{
    [Parameter, EditorRequired]
    public required QualifiedName Product { get; set; }

    [Inject]
    public required ProductVersionHistory History { get; init; }

    private readonly UserActionState _action = new();
    private readonly Dictionary<int, DateTime?> _dates = [];
    private VersionHistory? _history;

    protected override async Task OnParametersSetAsync() => await LoadForUserAsync(async user =>
        Show(await History.GetAsync(user, Product, CancellationToken.None)));

    private void Show(VersionHistory? history)
    {
        _history = history;
        Error = history is null ? $"There is no product {Product} you can see." : null;
        foreach (var major in history?.Majors ?? [])
            _dates[major.Major] = major.DeprecatedAfter;
    }

    private async Task SetDeprecationAsync(MajorVersionView major) => await _action.RunAsync(async () =>
    {
        var user = await CurrentUser.GetAsync();
        DateTimeOffset? after = _dates.GetValueOrDefault(major.Major) is { } date ? new DateTimeOffset(date.Date.AddDays(1), TimeSpan.Zero) : null;
        await History.SetDeprecationAsync(user, major.Product, after, CancellationToken.None);
        Show(await History.GetAsync(user, Product, CancellationToken.None));
        _action.Say(Severity.Success, after is null
            ? $"{major.Product} has no deprecation date."
            : $"{major.Product} stays readable until {Freshness.Utc(after.Value.UtcDateTime)}.");
    }, clearMessage: true);

    private static Color BumpColor(string bump) => bump switch
    {
        "major" => Color.Error,
        "minor" => Color.Info,
        _ => Color.Default,
    };
}
