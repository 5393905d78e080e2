using MeshStudio.Core.Dialect;

namespace MeshStudio.Core.Tests.Dialect;

public class LineDiffTests
{
    private static string Render(IReadOnlyList<DiffLine> diff) =>
        string.Join("|", diff.Select(l => l.Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", _ => " " } + l.Text));

    [Fact]
    public void Compute_SameText_IsAllSameWithBothLineNumbers()
    {
        var diff = LineDiff.Compute("a\nb", "a\nb");

        Assert.Equal(" a| b", Render(diff));
        Assert.Equal([(1, 1), (2, 2)], diff.Select(l => (l.OldNumber!.Value, l.NewNumber!.Value)));
        Assert.False(LineDiff.HasChanges(diff));
    }

    [Fact]
    public void Compute_ChangedMiddleLine_RemovedThenAdded()
    {
        var diff = LineDiff.Compute("SELECT country,\n  sum(amount)\nFROM o", "SELECT country,\n  avg(amount)\nFROM o");

        Assert.Equal(" SELECT country,|-  sum(amount)|+  avg(amount)| FROM o", Render(diff));
        Assert.Equal((2, null), (diff[1].OldNumber, diff[1].NewNumber));
        Assert.Equal((null, 2), (diff[2].OldNumber, diff[2].NewNumber));
        Assert.Equal((3, 3), (diff[3].OldNumber, diff[3].NewNumber));
        Assert.True(LineDiff.HasChanges(diff));
    }

    [Fact]
    public void Compute_InsertionsAndDeletions_KeepTheLongestCommonSubsequence()
    {
        // LCS of ABCBDAB and BDCABA has length 4.
        var diff = LineDiff.Compute("A\nB\nC\nB\nD\nA\nB", "B\nD\nC\nA\nB\nA");

        Assert.Equal(4, diff.Count(l => l.Kind == DiffKind.Same));
        Assert.Equal(["A", "B", "C", "B", "D", "A", "B"], diff.Where(l => l.Kind != DiffKind.Added).Select(l => l.Text));
        Assert.Equal(["B", "D", "C", "A", "B", "A"], diff.Where(l => l.Kind != DiffKind.Removed).Select(l => l.Text));
    }

    [Fact]
    public void Compute_EmptySides_AreAllAddedOrAllRemoved()
    {
        Assert.Equal("+x|+y", Render(LineDiff.Compute("", "x\ny")));
        Assert.Equal("-x|-y", Render(LineDiff.Compute("x\ny", "")));
        Assert.Empty(LineDiff.Compute("", ""));
    }

    [Fact]
    public void Compute_WindowsLineEndings_CompareAsLines()
    {
        Assert.Equal(" a| b|+c", Render(LineDiff.Compute("a\r\nb", "a\nb\nc")));
    }

    [Fact]
    public void Compute_HugeChange_FallsBackToRemovedThenAddedAroundCommonEnds()
    {
        var old = string.Join("\n", Enumerable.Range(0, 2100).Select(i => $"old {i}").Prepend("head").Append("tail"));
        var @new = string.Join("\n", Enumerable.Range(0, 2100).Select(i => $"new {i}").Prepend("head").Append("tail"));

        var diff = LineDiff.Compute(old, @new);

        Assert.Equal((DiffKind.Same, "head"), (diff[0].Kind, diff[0].Text));
        Assert.Equal((DiffKind.Same, "tail", 2102, 2102), (diff[^1].Kind, diff[^1].Text, diff[^1].OldNumber!.Value, diff[^1].NewNumber!.Value));
        Assert.Equal(2100, diff.Count(l => l.Kind == DiffKind.Removed));
        Assert.Equal(DiffKind.Added, diff[2101].Kind);
    }
}
