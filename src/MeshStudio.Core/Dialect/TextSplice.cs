using System.Text;
using MeshStudio.Core.Dialect.Syntax;

namespace MeshStudio.Core.Dialect;

/// <summary>A part of the user's text to replace, found on the syntax tree; the replacement may splice the sites inside it.</summary>
internal sealed record RewriteSite(TextSpan Span, Func<TextSplice, string> Replacement);

/// <summary>The user's text with rewrite sites replaced: the outermost ones, each building its own replacement.</summary>
internal sealed class TextSplice(string sql, IReadOnlyList<RewriteSite> sites)
{
    private readonly List<RewriteSite> _sites = sites.OrderBy(s => s.Span.Start).ToList();

    /// <summary>The text of <paramref name="range"/> with the sites in it replaced; <paramref name="spans"/> gets where each went.</summary>
    public string Apply(TextSpan range, List<RewrittenSpan>? spans = null)
    {
        var output = new StringBuilder();
        var copiedUpTo = range.Start;
        foreach (var site in _sites.Where(s => s.Span.Start >= range.Start && s.Span.End <= range.End))
        {
            if (site.Span.Start < copiedUpTo)
                continue; // inside a site already replaced, which spliced it itself
            output.Append(sql, copiedUpTo, site.Span.Start - copiedUpTo);
            var replacement = site.Replacement(this);
            spans?.Add(new RewrittenSpan(site.Span.Start, site.Span.End, output.Length, output.Length + replacement.Length));
            output.Append(replacement);
            copiedUpTo = site.Span.End;
        }
        output.Append(sql, copiedUpTo, range.End - copiedUpTo);
        return output.ToString();
    }
}
