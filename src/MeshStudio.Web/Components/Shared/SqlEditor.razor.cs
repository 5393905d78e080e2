using BlazorMonaco;
using BlazorMonaco.Editor;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Dialect.Syntax;
using MeshStudio.Core.Execution;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MeshStudio.Web.Components.Shared;

/// <summary>
/// The only Monaco user: a SQL editor with completion and hover served from C#, error markers, and Ctrl+Enter.
/// All JavaScript interop goes through wwwroot-assets/js/sql-editor.js.
/// </summary>
public sealed partial class SqlEditor
{
    private StandaloneCodeEditor? _editor;
    private DotNetObjectReference<SqlEditor>? _self;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ISqlParser Parser { get; init; }

    [Parameter]
    public string Id { get; set; } = "sql-editor";

    [Parameter]
    public string InitialValue { get; set; } = "";

    /// <summary>What completion and hover may offer: the relations the user can read.</summary>
    [Parameter]
    public IReadOnlyList<SchemaEntry> Schema { get; set; } = [];

    [Parameter]
    public EventCallback OnRun { get; set; }

    /// <summary>Raised after typing pauses, with the current text.</summary>
    [Parameter]
    public EventCallback<string> OnTextChanged { get; set; }

    private CancellationTokenSource? _debounce;

    public async Task<string> GetValueAsync() => _editor is null ? InitialValue : await _editor.GetValue();

    public async Task SetValueAsync(string sql)
    {
        if (_editor is not null)
            await _editor.SetValue(sql);
    }

    /// <summary>Replaces the markers: errors, and warnings (e.g. a policy that warns) drawn as such.</summary>
    public async Task ShowErrorsAsync(IEnumerable<SqlError> errors, IEnumerable<SqlError>? warnings = null)
    {
        var markers = errors.Select(e => Marker(e, "error")).Concat((warnings ?? []).Select(w => Marker(w, "warning"))).ToArray();
        await JS.InvokeVoidAsync("meshSqlEditor.setMarkers", Id, markers);
    }

    private static object Marker(SqlError error, string severity) =>
        new { line = error.Line ?? 1, column = error.Column ?? 1, message = error.Message, severity };

    [JSInvokable]
    public IReadOnlyList<CompletionItem> GetCompletions(string text, int offset) => SqlCompletion.Complete(text, offset, Schema, Parser);

    [JSInvokable]
    public string? GetHover(string text, int offset, string word)
    {
        var column = Schema.SelectMany(e => e.Columns.Select(c => (Entry: e, Column: c)))
            .Where(x => x.Column.Name.Equals(word, StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault(x => text.Contains(x.Entry.Name.ToString(), StringComparison.OrdinalIgnoreCase));
        if (column.Column is not null)
        {
            var pii = column.Column.Pii is null ? "" : $"\n\n⚠ personal data ({column.Column.Pii})";
            return $"**{column.Column.Name}** `{column.Column.Type}` — {column.Entry.Name}\n\n{column.Column.Description}{pii}";
        }
        var relation = Schema.FirstOrDefault(e => e.Name.Name.Equals(word, StringComparison.OrdinalIgnoreCase));
        return relation is null ? null : $"**{relation.Name}** ({relation.Kind}, {relation.Columns.Count} columns)\n\n{relation.Description}";
    }

    private StandaloneEditorConstructionOptions Options(StandaloneCodeEditor editor) => new()
    {
        Language = "sql",
        Value = InitialValue,
        AutomaticLayout = true,
        Minimap = new EditorMinimapOptions { Enabled = false },
        FontSize = 14,
        ScrollBeyondLastLine = false,
        QuickSuggestions = new QuickSuggestionsOptions { Other = "on", Comments = "off", Strings = "off" },
    };

    private async Task OnDidInitAsync()
    {
        _self = DotNetObjectReference.Create(this);
        await JS.InvokeVoidAsync("meshSqlEditor.attach", Id, _self);
        await _editor!.AddCommand((int)KeyMod.CtrlCmd | (int)KeyCode.Enter, args => { _ = InvokeAsync(OnRun.InvokeAsync); });
    }

    private async Task OnContentChangedAsync(ModelContentChangedEvent _)
    {
        _debounce?.Cancel();
        _debounce = new CancellationTokenSource();
        var token = _debounce.Token;
        try
        {
            await Task.Delay(500, token);
            await OnTextChanged.InvokeAsync(await GetValueAsync());
        }
        catch (TaskCanceledException)
        {
            // A newer keystroke supersedes this check.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _debounce?.Cancel();
        try
        {
            await JS.InvokeVoidAsync("meshSqlEditor.detach", Id);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: nothing left to detach.
        }
        _self?.Dispose();
    }
}
