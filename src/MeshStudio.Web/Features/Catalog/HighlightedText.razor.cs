using MeshStudio.Application.Search;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Catalog;

/// <summary>Plain text with the searched words marked, from the search's match positions.</summary>
public sealed partial class HighlightedText
{
    [Parameter, EditorRequired]
    public string Text { get; set; } = "";

    [Parameter]
    public IReadOnlyList<MatchRange> Matches { get; set; } = [];

    /// <summary>The text cut at the matches, in order; ranges outside the text or overlapping an earlier one are skipped.</summary>
    public static IReadOnlyList<(string Text, bool Match)> Parts(string text, IReadOnlyList<MatchRange> matches)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matches);
        var parts = new List<(string, bool)>();
        var at = 0;
        foreach (var match in matches.OrderBy(m => m.Start))
        {
            if (match.Start < at || match.Length <= 0 || match.Start + match.Length > text.Length)
                continue;
            if (match.Start > at)
                parts.Add((text[at..match.Start], false));
            parts.Add((text.Substring(match.Start, match.Length), true));
            at = match.Start + match.Length;
        }
        if (at < text.Length)
            parts.Add((text[at..], false));
        return parts;
    }
}
