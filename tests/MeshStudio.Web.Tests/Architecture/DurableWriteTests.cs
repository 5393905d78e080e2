using System.Text.RegularExpressions;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Architecture;

/// <summary>Files of the lake are renamed into place only through DurableFile (write, flush, rename, fsync the folder).</summary>
public class DurableWriteTests
{
    private static readonly Regex Rename = new(@"(?<!Durable)File\.(Move|Replace)\(|\.MoveTo\(", RegexOptions.CultureInvariant);

    [Fact]
    public void Sources_RenameFilesOnlyThroughDurableFile()
    {
        var src = Path.Combine(RepositoryRoot.Path, "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(Path.Combine("Durability", "DurableFile.cs"), StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => Rename.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(src, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }
}
