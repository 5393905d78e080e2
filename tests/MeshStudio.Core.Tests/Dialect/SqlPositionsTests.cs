using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Tests.Dialect;

public class SqlPositionsTests
{
    private const string Outer = "CREATE JOB s.j AS\nINSERT INTO s.p SELECT x\nFROM t";

    [Fact]
    public void Shift_ErrorOnFragmentFirstLine_AddsStartColumn()
    {
        var shifted = SqlPositions.Shift(new SqlError("bad", 1, 8), Outer, Outer.IndexOf("SELECT", StringComparison.Ordinal));

        Assert.Equal((2, 24), (shifted.Line!.Value, shifted.Column!.Value));
        Assert.Equal('x', Outer.Split('\n')[1][23]);
    }

    [Fact]
    public void Shift_ErrorOnLaterLine_KeepsColumn()
    {
        var shifted = SqlPositions.Shift(new SqlError("bad", 2, 6), Outer, Outer.IndexOf("SELECT", StringComparison.Ordinal));

        Assert.Equal((3, 6), (shifted.Line!.Value, shifted.Column!.Value));
    }
}
