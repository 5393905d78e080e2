using MeshStudio.Application.Ingestion;
using MeshStudio.Application.Lake;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Ingestion;
using Microsoft.AspNetCore.Diagnostics;

namespace MeshStudio.Web.Api;

/// <summary>Turns the platform's user-facing exceptions into problem responses with a clear message.</summary>
public sealed class ApiExceptionHandler(LakeDiskStatus disk) : IExceptionHandler
{

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (disk.RecordIfDiskFull(exception))
        {
            await Results.Problem(detail: LakeDiskStatus.FullMessage, statusCode: StatusCodes.Status507InsufficientStorage, title: "Insufficient storage")
                .ExecuteAsync(httpContext);
            return true;
        }
        var (status, title, extensions) = exception switch
        {
            SqlException e => (StatusCodes.Status400BadRequest, "The SQL failed",
                new Dictionary<string, object?> { ["line"] = e.Error.Line, ["column"] = e.Error.Column }),
            IngestRejectedException e => (StatusCodes.Status400BadRequest, "The batch was refused; nothing was stored",
                new Dictionary<string, object?> { ["errors"] = e.Errors }),
            BatchKeyReusedException => (StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key belongs to another batch", null),
            AccessDeniedException => (httpContext.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                "Access denied", null),
            RuleViolationException => (StatusCodes.Status400BadRequest, "The request breaks a rule", null),
            KeyNotFoundException => (StatusCodes.Status404NotFound, "Not found", null),
            BadHttpRequestException e => (e.StatusCode, "Bad request", null),
            QueryBusyException e => (e.IsUserLimit ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable,
                e.IsUserLimit ? "Too many queries" : "All query slots are busy", null),
            _ => (0, "", null),
        };
        if (status == 0)
            return false;
        var detail = exception is SqlException sql ? sql.Error.Message : exception.Message;
        if (exception is QueryBusyException busy)
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions).ExecuteAsync(httpContext);
        return true;
    }
}
