using MeshStudio.Web.Markdown;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Components.Shared;

/// <summary>Shows user-written Markdown, rendered and sanitised: the only place the app outputs user HTML.</summary>
public sealed partial class MarkdownView
{
    private string _html = "";
    private string? _renderedText;

    [Parameter]
    public string? Text { get; set; }

    [Parameter]
    public string EmptyText { get; set; } = "No description yet.";

    [Parameter]
    public string? Class { get; set; }

    protected override void OnParametersSet()
    {
        // Rendering Markdown is not free: only when the text changed.
        if (_renderedText == Text && _renderedText is not null)
            return;
        _renderedText = Text;
        _html = MarkdownRenderer.ToSafeHtml(Text);
    }
}
