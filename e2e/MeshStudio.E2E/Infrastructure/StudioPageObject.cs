using Microsoft.Playwright;

namespace MeshStudio.E2E.Infrastructure;

/// <summary>The Studio as a user drives it: type into Monaco, run, read the grid.</summary>
public sealed class StudioPageObject(UserSession session)
{
    private IPage Page => session.Page;

    public async Task OpenAsync()
    {
        await session.GoToAsync("/studio");
        await Page.Locator(".monaco-editor[role=code]").WaitForAsync();
    }

    /// <summary>Replaces the editor's text by typing it, as a user would.</summary>
    public async Task TypeAsync(string sql)
    {
        await Page.Locator(".monaco-editor[role=code] .view-lines").ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.PressAsync("Delete");
        await Page.Keyboard.TypeAsync(sql);
        await Page.Keyboard.PressAsync("Escape");
    }

    public async Task RunWithKeyboardAsync()
    {
        await Page.Locator(".monaco-editor[role=code] .view-lines").ClickAsync();
        await Page.Keyboard.PressAsync("Control+Enter");
    }

    public ILocator RowCount => Page.GetByTestId("row-count");
    public ILocator Error => Page.GetByTestId("result-error");
    public ILocator GridRows => Page.Locator("[data-testid=result-grid] tbody tr");
}
