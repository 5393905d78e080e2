using MeshStudio.Application.Notifications;
using MeshStudio.Core.Notifications;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>The caller's own inbox (ADR 26): list, unread count, mark read, and which kinds they get. Nobody reaches another's.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        inbox.MapGet("/", ListAsync).WithName("ListNotifications").WithSummary("The caller's notifications, newest first, and how many are unread.");
        inbox.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Mark one of the caller's notifications read.");
        inbox.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead").WithSummary("Mark all of the caller's notifications read.");
        inbox.MapGet("/preferences", PreferencesAsync).WithName("GetNotificationPreferences").WithSummary("Each kind of notification and whether the caller gets it.");
        inbox.MapPut("/preferences/{kind}", SetPreferenceAsync).WithName("PutNotificationPreference").WithSummary("Turn one kind on or off for the caller.");
    }

    private static async Task<Ok<InboxResponse>> ListAsync(int? take, HttpContext context, UserContextResolver users, NotificationService inbox)
    {
        var user = await context.UserAsync(users);
        return TypedResults.Ok(new InboxResponse(
            await inbox.UnreadCountAsync(user, context.RequestAborted), await inbox.ListAsync(user, take ?? 50, context.RequestAborted)));
    }

    private static async Task<NoContent> MarkReadAsync(long id, HttpContext context, UserContextResolver users, NotificationService inbox)
    {
        await inbox.MarkReadAsync(await context.UserAsync(users), id, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<int>> MarkAllReadAsync(HttpContext context, UserContextResolver users, NotificationService inbox) =>
        TypedResults.Ok(await inbox.MarkAllReadAsync(await context.UserAsync(users), context.RequestAborted));

    private static async Task<Ok<IReadOnlyList<NotificationPreferenceView>>> PreferencesAsync(HttpContext context, UserContextResolver users, NotificationService inbox) =>
        TypedResults.Ok(await inbox.PreferencesAsync(await context.UserAsync(users), context.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> SetPreferenceAsync(
        string kind, PreferenceRequest request, HttpContext context, UserContextResolver users, NotificationService inbox)
    {
        if (!Enum.TryParse<NotificationKind>(kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown kind",
                detail: $"'{kind}' is not a kind of notification: use one of {string.Join(", ", Enum.GetNames<NotificationKind>())}.");
        await inbox.SetPreferenceAsync(await context.UserAsync(users), parsed, request.Enabled, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
