using MeshStudio.Application.Tokens;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.JSInterop;
using MudBlazor;

namespace MeshStudio.Web.Features.Profile;

/// <summary>Who the user is, and their personal access tokens for the API.</summary>
public sealed partial class ProfilePage : UserPage
{
    private UserContext? _user;
    private string _displayName = "";
    private IReadOnlyList<TokenView> _tokens = [];
    private string _tokenName = "";
    private DateTime? _tokenExpires;
    private string? _newToken;
    private readonly UserActionState _action = new();

    [Inject]
    public required UserManager<AppUser> Users { get; init; }

    [Inject]
    public required TokenService Tokens { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    protected override Task OnInitializedAsync() => LoadForUserAsync(async user =>
    {
        _displayName = await Users.DisplayNameAsync(user);
        _tokens = await Tokens.ListAsync(user.UserId, CancellationToken.None);
        _user = user;
    });

    private Task CreateAsync() => _action.RunAsync(async () =>
    {
        // A date picked means "valid through that day".
        DateTime? expires = _tokenExpires is { } date
            ? DateTime.SpecifyKind(date.Date.AddDays(1).AddTicks(-1), DateTimeKind.Utc)
            : null;
        var (_, plainText) = await Tokens.CreateAsync(_user!.UserId, _tokenName, expires, CancellationToken.None);
        _newToken = plainText;
        _tokenName = "";
        _tokenExpires = null;
        _tokens = await Tokens.ListAsync(_user.UserId, CancellationToken.None);
    }, clearMessage: true);

    private Task RevokeAsync(TokenView token) => _action.RunAsync(async () =>
    {
        await Tokens.RevokeAsync(_user!.UserId, token.Id, CancellationToken.None);
        _tokens = await Tokens.ListAsync(_user.UserId, CancellationToken.None);
        _action.Say(Severity.Success, $"Token “{token.Name}” revoked: it stops working at once.");
    });

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _newToken);
            _action.Say(Severity.Info, "Copied to the clipboard.");
        }
        catch (JSException)
        {
            // Clipboard access needs a secure context; the token stays selectable.
            _action.Say(Severity.Warning, "The browser did not allow copying: select the token and copy it by hand.");
        }
    }

    private bool IsActive(TokenView token) => token.RevokedAt is null && (token.ExpiresAt is null || token.ExpiresAt > Now);

    private string StatusText(TokenView token) =>
        token.RevokedAt is not null ? "revoked" : IsActive(token) ? "active" : "expired";

    private Color StatusColor(TokenView token) =>
        token.RevokedAt is not null ? Color.Error : IsActive(token) ? Color.Success : Color.Default;
}
