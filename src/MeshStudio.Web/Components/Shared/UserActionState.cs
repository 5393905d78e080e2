using MeshStudio.Core.Access;
using MudBlazor;

namespace MeshStudio.Web.Components.Shared;

/// <summary>
/// The state of a page's user actions: whether one is running (to disable its buttons) and the message it left,
/// shown by <see cref="ActionMessage"/>.
/// </summary>
public sealed class UserActionState
{
    public bool Busy { get; private set; }

    public string? Message { get; private set; }

    public Severity Severity { get; private set; } = Severity.Info;

    public void Say(Severity severity, string message)
    {
        Severity = severity;
        Message = message;
    }

    public void Clear() => Message = null;

    /// <summary>Runs an action, turning the services' user-facing refusals into an error message on the page.</summary>
    /// <param name="action">The action; it says what it did with <see cref="Say"/>.</param>
    /// <param name="clearMessage">Hide the previous message while the action runs.</param>
    /// <param name="onRefused">Runs on a refusal before its message is shown, e.g. to reload the fresh state.</param>
    public async Task RunAsync(Func<Task> action, bool clearMessage = false, Func<Task>? onRefused = null)
    {
        Busy = true;
        if (clearMessage)
            Message = null;
        try
        {
            await action();
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException)
        {
            if (onRefused is not null)
                await onRefused();
            Say(Severity.Error, e.Message);
        }
        finally
        {
            Busy = false;
        }
    }
}
