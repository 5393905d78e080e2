using MeshStudio.Core.Governance.Policies;

namespace MeshStudio.Core.Governance;

/// <summary>The automated checks of a governance review: the policies in force. Failed blocking checks prevent approval.</summary>
public static class ReviewChecks
{
    /// <summary>The checks of the default policies (a catalog where no steward changed any).</summary>
    public static IReadOnlyList<CheckResult> Evaluate(ProductFacts product) => Evaluate(DefaultPolicies.All, product);

    public static IReadOnlyList<CheckResult> Evaluate(IEnumerable<PolicyDefinition> policies, ProductFacts product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return PolicyEvaluator.Checks(policies, product.ToSubject());
    }

    public static bool CanApprove(IEnumerable<CheckResult> checks) => checks.All(c => c.Passed || !c.Blocking);
}
