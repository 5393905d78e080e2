using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Catalog;

/// <summary>One marketplace facet: its values with their counts, the selected one filled; a click toggles it.</summary>
public sealed partial class SearchFacet
{
    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    /// <summary>Names the test ids: <c>{Id}-facets</c> and <c>facet-{Id}-{value}</c>.</summary>
    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyDictionary<string, int> Values { get; set; } = new Dictionary<string, int>();

    [Parameter]
    public string? Selected { get; set; }

    /// <summary>How a value reads on its chip.</summary>
    [Parameter]
    public Func<string, string> Label { get; set; } = value => value;

    [Parameter]
    public Color Color { get; set; } = Color.Primary;

    [Parameter]
    public EventCallback<string> Toggle { get; set; }
}
