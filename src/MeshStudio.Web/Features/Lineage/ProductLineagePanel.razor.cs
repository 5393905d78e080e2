using MeshStudio.Application.Lineage;
using MeshStudio.Core.Products;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Lineage;

/// <summary>
/// The lineage section of a product page: the graph around the product and its columns; selecting a column lists the
/// columns it is computed from and highlights the nodes they belong to.
/// </summary>
public sealed partial class ProductLineagePanel : UserPage
{
    private ProductLineage? _lineage;
    private ColumnOrigins? _selected;
    private IReadOnlySet<string> _highlighted = new HashSet<string>();

    [Parameter, EditorRequired]
    public required QualifiedName Product { get; set; }

    [Inject]
    public required LineageService Lineage { get; init; }

    private string ProductNode => $"product:{Product}";

    protected override async Task OnParametersSetAsync()
    {
        if (_lineage?.Product == Product)
            return;
        _selected = null;
        _highlighted = new HashSet<string>();
        await LoadForUserAsync(async user =>
            _lineage = await Lineage.ProductAsync(user, Product, CancellationToken.None)
                       ?? new ProductLineage(Product, new LineageGraph([], []), []));
    }

    private void Select(ColumnOrigins column)
    {
        _selected = column == _selected ? null : column;
        _highlighted = _selected is null ? new HashSet<string>() : _selected.Upstream.Select(u => u.Node).ToHashSet(StringComparer.Ordinal);
    }

    private string ColumnClass(ColumnOrigins column) =>
        "column" + (column == _selected ? " selected" : "") + (column.Personal is null ? "" : " personal");

    private static string PersonalText(PersonalData personal)
    {
        var sources = personal.From.ToList();
        if (personal.FromHiddenInput)
            sources.Add("an input you may not see");
        var from = sources.Count == 0 ? "" : $" from {string.Join(", ", sources)}";
        var detected = personal.Detected && sources.Count == 0 ? " (its values look personal)" : "";
        return $"Personal data ({personal.Kind}){from}{detected}. Hash it (e.g. sha256) in the job before publishing.";
    }
}
