using MeshStudio.Application.Products.Contracts;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;
using MeshStudio.Web.Security;
using Microsoft.Net.Http.Headers;

namespace MeshStudio.Web.Api;

/// <summary>
/// A product's contract (ODCS v3) over HTTP: read as YAML or JSON by whoever can see the product, replaced by its owner
/// and the domain's owners with YAML or JSON. A contract that cannot be read is a 400 with its line, column and field.
/// </summary>
public static class ContractEndpoints
{
    public const string YamlMediaType = "application/yaml";

    public static void MapContractEndpoints(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("/api/products/{domain}/{name}/contract").WithTags("Products").RequireAuthorization();
        contracts.MapGet("/", GetAsync).WithName("GetProductContract")
            .WithSummary("The product's contract as ODCS v3 YAML (default) or JSON (Accept: application/json or format=json); download=true as a file.");
        contracts.MapPut("/", PutAsync).WithName("PutProductContract").Accepts<string>(YamlMediaType, "application/json", "text/plain")
            .WithSummary("Replace the product's contract with an ODCS v3 document in YAML or JSON (owners only); the product as it is now must keep it.");
    }

    private static async Task<IResult> GetAsync(
        string domain, string name, string? format, bool? download, HttpContext context, UserContextResolver users, ProductContracts contracts)
    {
        var product = Name(domain, name);
        var view = await contracts.GetAsync(await context.UserAsync(users), product, context.RequestAborted);
        if (view is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no product {product} you can see.");
        context.Response.Headers["X-Contract-Saved"] = view.Saved ? "true" : "false";
        return Render(context, view, format, download == true, product);
    }

    private static async Task<IResult> PutAsync(
        string domain, string name, string? format, HttpContext context, UserContextResolver users, ProductContracts contracts)
    {
        // Who may edit is decided before a byte of the body is read.
        var user = await context.UserAsync(users);
        var product = Name(domain, name);
        await contracts.CheckEditorAsync(user, product, context.RequestAborted);
        var text = await TextBody.ReadAsync(context.Request, ProductContracts.MaxLength, context.RequestAborted);
        if (text is null)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large",
                detail: $"A contract is at most {ProductContracts.MaxLength / 1024} KiB of text.");
        try
        {
            var view = await contracts.SaveAsync(user, product, text, context.RequestAborted);
            return Render(context, view, format, download: false, product);
        }
        catch (ContractFormatException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The contract cannot be read", detail: e.Message,
                extensions: new Dictionary<string, object?> { ["line"] = e.Line, ["column"] = e.Column, ["field"] = e.Path });
        }
    }

    private static IResult Render(HttpContext context, ContractView view, string? format, bool download, QualifiedName product)
    {
        var json = format == "json" || (format is null && context.Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true));
        if (download)
            context.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{product}.odcs.{(json ? "json" : "yaml")}\"";
        return json
            ? Results.Text(ContractJsonWriter.Write(view.Contract), "application/json")
            : Results.Text(view.Yaml, YamlMediaType);
    }

    private static QualifiedName Name(string domain, string name) =>
        QualifiedName.TryParse($"{domain}.{name}", out var qualified) ? qualified : throw new KeyNotFoundException($"'{domain}.{name}' is not a product name.");
}
