using MeshStudio.Application.Governance.Policies;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Products;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>
/// Governance policies (ADR 29): everybody signed in reads what is asked of them; stewards (and a domain's owners for
/// its local policies) create, change, switch, test, export and import them. Others get 403.
/// </summary>
public static class PolicyEndpoints
{
    public const int MaxFileLength = 256 * 1024;

    public static void MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/policies").WithTags("Governance").RequireAuthorization();
        policies.MapGet("", ListAsync).WithName("ListPolicies").WithSummary("Every policy with its version.");
        policies.MapGet("/export", ExportAsync).WithName("ExportPolicies").WithSummary("Every policy as a YAML file (stewards).");
        policies.MapPost("/import", ImportAsync).WithName("ImportPolicies").Accepts<string>(ContractEndpoints.YamlMediaType, "text/plain")
            .WithSummary("Save the policies of a YAML file, each changed one as a new version (stewards).");
        policies.MapPost("/test", TestAsync).WithName("TestPolicy").WithSummary("What a policy says about a product or job as it is now (stewards).");
        policies.MapGet("/{key}", GetAsync).WithName("GetPolicy");
        policies.MapGet("/{key}/history", HistoryAsync).WithName("PolicyHistory").WithSummary("Every version with what changed, newest first.");
        policies.MapPut("/{key}", PutAsync).WithName("PutPolicy").WithSummary("Create a policy or save a new version (expectedVersion guards against lost updates).");
        policies.MapPut("/{key}/enabled", EnableAsync).WithName("EnablePolicy").WithSummary("Switch a policy on or off.");
    }

    /// <summary>The body of a policy test: a draft policy and the product (or job) to try it on.</summary>
    public sealed record PolicyTest(PolicyDefinition Policy, string Target);

    /// <summary>The body that switches a policy.</summary>
    public sealed record PolicySwitch(bool Enabled);

    private static async Task<Ok<IReadOnlyList<PolicyView>>> ListAsync(HttpContext context, PolicyService policies) =>
        TypedResults.Ok(await policies.ListAsync(context.RequestAborted));

    private static async Task<Results<Ok<PolicyView>, NotFound>> GetAsync(string key, HttpContext context, PolicyService policies) =>
        await policies.GetAsync(key, context.RequestAborted) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<PolicyVersionView>>, NotFound>> HistoryAsync(string key, HttpContext context, PolicyService policies)
    {
        var history = await policies.HistoryAsync(key, context.RequestAborted);
        return history.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(history);
    }

    private static async Task<Ok<PolicyView>> PutAsync(
        string key, int? expectedVersion, PolicyDefinition policy, HttpContext context, UserContextResolver users, PolicyService policies)
    {
        var user = await context.UserAsync(users);
        return TypedResults.Ok(await policies.SaveAsync(user, policy with { Key = key }, expectedVersion, context.RequestAborted));
    }

    private static async Task<Results<Ok<PolicyView>, NotFound>> EnableAsync(
        string key, PolicySwitch body, HttpContext context, UserContextResolver users, PolicyService policies)
    {
        var user = await context.UserAsync(users);
        if (await policies.GetAsync(key, context.RequestAborted) is null)
            return TypedResults.NotFound();
        return TypedResults.Ok(await policies.SetEnabledAsync(user, key, body.Enabled, context.RequestAborted));
    }

    private static async Task<Ok<CheckResult>> TestAsync(PolicyTest body, HttpContext context, UserContextResolver users, PolicyTester tester)
    {
        var user = await context.UserAsync(users);
        if (!QualifiedName.TryParse(body.Target, out var target))
            throw new Core.Access.RuleViolationException($"'{body.Target}' is not a product or job name such as sales.revenue.");
        return TypedResults.Ok(await tester.TestAsync(user, body.Policy, target, context.RequestAborted));
    }

    private static async Task<IResult> ExportAsync(HttpContext context, UserContextResolver users, PolicyService policies)
    {
        var user = await context.UserAsync(users);
        if (!PolicyService.CanManage(user, null))
            throw new Core.Access.AccessDeniedException("Only governance stewards export policies.");
        var all = await policies.ListAsync(context.RequestAborted);
        context.Response.Headers.ContentDisposition = "attachment; filename=\"policies.yaml\"";
        return Results.Text(PolicyYaml.Write(all.Select(p => p.Definition)), ContractEndpoints.YamlMediaType);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, UserContextResolver users, PolicyService policies)
    {
        var user = await context.UserAsync(users);
        if (!PolicyService.CanManage(user, null))
            throw new Core.Access.AccessDeniedException("Only governance stewards import policies.");
        var text = await TextBody.ReadAsync(context.Request, MaxFileLength, context.RequestAborted);
        if (text is null)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"A policy file is at most {MaxFileLength / 1024} KiB.");
        return TypedResults.Ok(await policies.ImportAsync(user, PolicyYaml.Read(text), context.RequestAborted));
    }
}
