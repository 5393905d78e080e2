using MeshStudio.Application.Lineage;
using MeshStudio.Core.Products;
using MeshStudio.Web.Features.Lineage;

namespace MeshStudio.Web.Tests.Features.Lineage;

public sealed class LineageLayoutTests
{
    private static LineageNode Node(string id, int depth) =>
        new(id, LineageNodeKind.Product, new QualifiedName(id.Split('.')[0], id.Split('.')[1]), id, null, "published", null, depth, false);

    [Fact]
    public void Place_Graph_ColumnsByDepthNoOverlapAndNodesLevelWithTheirInputs()
    {
        var graph = new LineageGraph(
            [Node("a.one", 0), Node("b.two", 0), Node("c.three", 1), Node("c.four", 1)],
            [new("a.one", "c.four"), new("b.two", "c.three")]);

        var first = LineageLayout.Place(graph, out var width, out var height);
        var again = LineageLayout.Place(graph with { Nodes = [.. graph.Nodes.Reverse()] }, out _, out _);

        Assert.Equal(first.OrderBy(p => p.Key), again.OrderBy(p => p.Key));
        Assert.True(first["c.four"].X > first["a.one"].X);
        Assert.Equal(first["a.one"].Y, first["c.four"].Y);
        Assert.Equal(first["b.two"].Y, first["c.three"].Y);
        Assert.True(first["b.two"].Y - first["a.one"].Y >= LineageLayout.NodeHeight);
        Assert.True(width >= first.Values.Max(p => p.X) + LineageLayout.NodeWidth);
        Assert.True(height >= first.Values.Max(p => p.Y) + LineageLayout.NodeHeight);
    }
}
