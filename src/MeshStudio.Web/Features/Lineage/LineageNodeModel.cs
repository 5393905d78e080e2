using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using MeshStudio.Application.Lineage;

namespace MeshStudio.Web.Features.Lineage;

/// <summary>A lineage node placed in the diagram: fixed size and position (the layout is ours), not draggable.</summary>
public sealed class LineageNodeModel : NodeModel
{
    public LineageNodeModel(LineageNode node, Point position)
        : base(node.Id, position)
    {
        Node = node;
        Size = new Size(LineageLayout.NodeWidth, LineageLayout.NodeHeight);
        ControlledSize = true;
        Locked = true;
    }

    public LineageNode Node { get; }

    /// <summary>The page the diagram is on is about this node.</summary>
    public bool IsFocus { get; set; }

    /// <summary>The selected column is computed from a column of this node.</summary>
    public bool IsHighlighted { get; set; }
}
