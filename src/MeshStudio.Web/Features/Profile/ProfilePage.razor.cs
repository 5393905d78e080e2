using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Tokens;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.JSInterop;
using MudBlazor;

namespace MeshStudio.Web.Features.Profile;

/// <summary>Who the user is, and their personal access tokens for the API (C11).</summary>
public sealed partial class ProfilePage
{
    private UserContext? _user;
    private string _displayName = "";
    private IReadOnlyList<TokenView> _tokens = [];
    private string _tokenName = "";
    private DateTime? _tokenExpires;
    private string? _newToken;
    private bool _busy;
    private string? _error;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    [Inject]
    public required UserManager<AppUser> Users { get; init; }

    [Inject]
    public required TokenService Tokens { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = await CurrentUser.GetAsync();
            var account = await Users.FindByIdAsync(user.UserId);
            _displayName = string.IsNullOrWhiteSpace(account?.DisplayName) ? user.UserName : account.DisplayName;
            _tokens = await Tokens.ListAsync(user.UserId, CancellationToken.None);
            _user = user;
        }
        catch (AccessDeniedException e)
        {
            _error = e.Message;
        }
    }

    private async Task CreateAsync()
    {
        _busy = true;
        _message = null;
        try
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
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException)
        {
            Say(Severity.Error, e.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RevokeAsync(TokenView token)
    {
        _busy = true;
        try
        {
            await Tokens.RevokeAsync(_user!.UserId, token.Id, CancellationToken.None);
            _tokens = await Tokens.ListAsync(_user.UserId, CancellationToken.None);
            Say(Severity.Success, $"Token “{token.Name}” revoked: it stops working at once.");
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException)
        {
            Say(Severity.Error, e.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _newToken);
            Say(Severity.Info, "Copied to the clipboard.");
        }
        catch (JSException)
        {
            // Clipboard access needs a secure context; the token stays selectable.
            Say(Severity.Warning, "The browser did not allow copying: select the token and copy it by hand.");
        }
    }

    private void Say(Severity severity, string message)
    {
        _messageSeverity = severity;
        _message = message;
    }

    private bool IsActive(TokenView token) => token.RevokedAt is null && (token.ExpiresAt is null || token.ExpiresAt > Now);

    private string StatusText(TokenView token) =>
        token.RevokedAt is not null ? "revoked" : IsActive(token) ? "active" : "expired";

    private Color StatusColor(TokenView token) =>
        token.RevokedAt is not null ? Color.Error : IsActive(token) ? Color.Success : Color.Default;
}
