using System.Text.Json;
using MeshStudio.Application.Execution;
using MeshStudio.Core.Execution;
using Microsoft.Net.Http.Headers;

namespace MeshStudio.Web.Api;

/// <summary>
/// Writes a started query to the response body as its rows arrive: <c>{"columns": […], "rows": […], "truncated": …,
/// "truncatedBy": "rows"|"bytes"|null, …}</c>, then the properties of <paramref name="tail"/>. Nothing but the current
/// batch is held in memory. An error after the first row (a timeout) cannot change the status any more: it is
/// written as an <c>"error"</c> property. With <paramref name="attachmentName"/>, the response is a download of that name.
/// </summary>
public sealed class JsonRowsResult(
    QueryStream stream, ResultBudget budget, Action<Utf8JsonWriter, ResultBudget>? tail = null, string? attachmentName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        await using var _ = stream;
        var response = httpContext.Response;
        response.ContentType = "application/json; charset=utf-8";
        if (attachmentName is not null)
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = attachmentName }.ToString();
        await using var json = new Utf8JsonWriter(response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartArray("columns");
        foreach (var column in stream.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("type", column.Type);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("rows");
        string? error = null;
        try
        {
            await foreach (var batch in stream.ReadAllAsync().WithCancellation(httpContext.RequestAborted))
            {
                foreach (var row in budget.Take(batch))
                    JsonValues.WriteRow(json, row);
                await json.FlushAsync(httpContext.RequestAborted);
                if (budget.TruncatedBy is not null)
                    break;
            }
        }
        catch (SqlException e)
        {
            error = e.Error.ToString();
        }
        json.WriteEndArray();
        json.WriteBoolean("truncated", budget.TruncatedBy is not null);
        json.WriteString("truncatedBy", budget.TruncatedBy);
        tail?.Invoke(json, budget);
        if (error is not null)
            json.WriteString("error", error);
        json.WriteEndObject();
        await json.FlushAsync(httpContext.RequestAborted);
    }
}
