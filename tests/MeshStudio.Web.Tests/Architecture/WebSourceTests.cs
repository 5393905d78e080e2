using System.Text.RegularExpressions;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Architecture;

/// <summary>
/// The web host's source composes no SQL and builds no lake path (ADR 19): what the type references cannot show,
/// read from the .cs and .razor files. Fixed text is allowed (the demo's pipeline scripts, the Studio's first query,
/// help text): it is what a user could type, and it goes through the same use cases.
/// </summary>
public class WebSourceTests
{
    /// <summary>The shape of a statement, not a lone keyword: a message may say "the job's SELECT".</summary>
    private const string Statement = @"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\S+\s+SET\b|\bCOPY\b[\s\S]*\bTO\b"
        + @"|\b(CREATE(\s+OR\s+REPLACE)?|DROP|ALTER)\s+(TABLE|VIEW|SCHEMA|SOURCE|JOB)\b|\bATTACH\b|\bread_(parquet|csv|json)\w*\(";

    /// <summary>An interpolated string: <c>$"…"</c>, <c>$@"…"</c>, <c>$"""…"""</c>.</summary>
    private static readonly Regex Interpolated = new(
        "\\$+@?(\"\"\"[\\s\\S]*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\")",
        RegexOptions.CultureInvariant);

    /// <summary>From a string literal followed by <c>+</c>, or from <c>string.Concat/Join/Format(</c>, to the end of the statement.</summary>
    private static readonly Regex Concatenated = new(
        "\"(?:[^\"\\\\\\n]|\\\\.)*\"\\s*\\+[^;]*|string\\.(Concat|Join|Format)\\([^;]*",
        RegexOptions.CultureInvariant);

    private static readonly Regex SqlStatement = new(Statement, RegexOptions.CultureInvariant);

    /// <summary>File-system paths: only the hosting code, which places the data folder and the lake's root, builds them.</summary>
    private static readonly Regex FileSystemPath = new(
        @"(?<![\w.])(System\.IO\.)?(Path|File|Directory|FileInfo|DirectoryInfo)\.[A-Z]\w*\(|new\s+(FileInfo|DirectoryInfo|FileStream)\(|""snap-",
        RegexOptions.CultureInvariant);

    [Fact]
    public void WebSources_ComposeNoSql()
    {
        var offenders = WebSources()
            .SelectMany(f => Interpolated.Matches(f.Text).Concat(Concatenated.Matches(f.Text))
                .Where(m => SqlStatement.IsMatch(m.Value))
                .Select(m => $"{f.Name}:{LineOf(f.Text, m.Index)}: {m.Value.Trim()}"))
            .ToList();

        Assert.True(offenders.Count == 0, "The web host composes SQL: " + string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void WebSources_BuildNoPathOutsideHosting()
    {
        var offenders = WebSources()
            .Where(f => !f.Name.StartsWith("Hosting" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => FileSystemPath.Matches(f.Text).Select(m => $"{f.Name}:{LineOf(f.Text, m.Index)}: {m.Value.Trim()}"))
            .ToList();

        Assert.True(offenders.Count == 0, "The web host builds file or lake paths: " + string.Join(Environment.NewLine, offenders));
    }

    private static IEnumerable<(string Name, string Text)> WebSources()
    {
        var web = Path.Combine(RepositoryRoot.Path, "src", "MeshStudio.Web");
        return Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f))
            .Where(f => !f.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(Path.Combine(web, f))));
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
