using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Tests.Shared;

/// <summary>Finding and filling MudBlazor controls by their data-testid.</summary>
public static class ComponentTestExtensions
{
    public static IElement ByTestId<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.Find($"[data-testid='{testId}']");

    public static IElement WaitForTestId<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.WaitForElement($"[data-testid='{testId}']", ComponentTestContext.Timeout);

    /// <summary>Types into the input or textarea carrying (or inside the element carrying) the test id.</summary>
    public static void Fill<T>(this IRenderedComponent<T> cut, string testId, string value) where T : IComponent
    {
        var element = cut.ByTestId(testId);
        var input = element.LocalName is "input" or "textarea"
            ? element
            : element.QuerySelector("textarea") ?? element.QuerySelector("input")
              ?? throw new InvalidOperationException($"No input under [data-testid='{testId}'].");
        // MudBlazor listens to oninput for Immediate fields and to onchange otherwise.
        try
        {
            input.Input(value);
        }
        catch (MissingEventHandlerException)
        {
            input.Change(value);
        }
    }
}
