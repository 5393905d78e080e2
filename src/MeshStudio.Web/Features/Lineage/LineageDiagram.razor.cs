using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using MeshStudio.Application.Lineage;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Lineage;

/// <summary>
/// A lineage graph drawn with Z.Blazor.Diagrams in our left-to-right layout (<see cref="LineageLayout"/>), read-only
/// (no dragging, panning or zooming: the page scrolls), with the same nodes as a list of links for the keyboard and
/// screen readers.
/// </summary>
public sealed partial class LineageDiagram : ComponentBase
{
    private BlazorDiagram _diagram = NewDiagram();
    private LineageGraph? _drawn;
    private double _width;
    private double _height;

    [Parameter, EditorRequired]
    public required LineageGraph Graph { get; set; }

    /// <summary>The node the page is about (drawn with a stronger border).</summary>
    [Parameter]
    public string? Focus { get; set; }

    /// <summary>Nodes to highlight, e.g. those a selected column comes from.</summary>
    [Parameter]
    public IReadOnlySet<string> Highlighted { get; set; } = new HashSet<string>();

    [Parameter]
    public string EmptyText { get; set; } = "Nothing to show.";

    [Parameter]
    public string ListLabel { get; set; } = "Lineage";

    /// <summary>Whether the list of nodes starts unfolded.</summary>
    [Parameter]
    public bool ListOpen { get; set; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    private string CanvasStyle =>
        FormattableString.Invariant($"width: {_width}px; height: {_height}px;");

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_drawn, Graph))
            Draw();
        foreach (var model in _diagram.Nodes.OfType<LineageNodeModel>())
        {
            var highlighted = Highlighted.Contains(model.Node.Id);
            var focus = model.Node.Id == Focus;
            if (model.IsHighlighted == highlighted && model.IsFocus == focus)
                continue;
            model.IsHighlighted = highlighted;
            model.IsFocus = focus;
            model.Refresh();
        }
    }

    private void Draw()
    {
        _drawn = Graph;
        _diagram = NewDiagram();
        _diagram.RegisterComponent<LineageNodeModel, LineageNodeWidget>();
        var positions = LineageLayout.Place(Graph, out _width, out _height);
        var models = Graph.Nodes.ToDictionary(
            n => n.Id, n => new LineageNodeModel(n, new Point(positions[n.Id].X, positions[n.Id].Y)), StringComparer.Ordinal);
        _diagram.Nodes.Add(models.Values);
        foreach (var edge in Graph.Edges)
        {
            _diagram.Links.Add(new LinkModel(models[edge.From], models[edge.To])
            {
                TargetMarker = LinkMarker.Arrow,
                Locked = true,
                Color = "#64748b",
                Width = 1.5,
            });
        }
    }

    private List<string> InputsOf(LineageNode node) =>
        Graph.Edges.Where(e => e.To == node.Id)
            .Select(e => Graph.Nodes.First(n => n.Id == e.From).Name.ToString())
            .ToList();

    private static BlazorDiagram NewDiagram()
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = false,
            AllowPanning = false,
        };
        options.Zoom.Enabled = false;
        options.Links.DefaultRouter = new NormalRouter();
        options.Links.DefaultPathGenerator = new SmoothPathGenerator();
        return new BlazorDiagram(options);
    }
}
