using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Access;

/// <summary>Who may do what. Pure functions: every page, hub method and API route asks these.</summary>
public static class AccessRules
{
    /// <summary>
    /// Sources are domain-internal: only members read their raw values. Admins administer the platform but get
    /// no data implicitly; an admin who needs a domain's sources becomes its member (an audited change).
    /// </summary>
    public static bool CanReadSource(UserContext user, string domain) => user.IsMemberOf(domain);

    /// <summary>
    /// Analysts and owners of a domain write its sources, jobs and products; admins may too. Authoring reads
    /// no data: a job runs with its author's grant, which for an admin holds no sources of the domain.
    /// </summary>
    public static bool CanAuthorIn(UserContext user, string domain) => user.IsAdmin || user.IsMemberOf(domain);

    /// <summary>Owners manage their domain: access decisions, API keys, members.</summary>
    public static bool CanManageDomain(UserContext user, string domain) => user.IsAdmin || user.IsOwnerOf(domain);

    /// <summary>
    /// Owners (and admins) decide access requests on their domain's products, but never their own request:
    /// the decider must be someone other than the requester, admins included.
    /// </summary>
    public static bool CanDecideAccessRequest(UserContext user, string domain, string requesterUserId) =>
        CanManageDomain(user, domain) && !string.Equals(user.UserId, requesterUserId, StringComparison.Ordinal);

    /// <summary>Stewards decide governance reviews; admins do not, so the duty stays separated.</summary>
    /// <summary>A product's contract is its owner's promise: the product's owner and the domain's owners edit it.</summary>
    public static bool CanEditContract(UserContext user, string domain, string? productOwnerUserName) =>
        CanManageDomain(user, domain) || (productOwnerUserName is not null && productOwnerUserName == user.UserName && user.IsMemberOf(domain));

    public static bool CanReview(UserContext user) => user.IsSteward;

    public static bool CanReadAudit(UserContext user) => user.IsSteward || user.IsAdmin;

    /// <summary>Metadata of a product: published ones are public to signed-in users, others to their domain and governance.</summary>
    public static bool CanSeeProduct(UserContext user, string domain, ProductStatus status) =>
        status == ProductStatus.Published || user.IsMemberOf(domain) || user.IsSteward || user.IsAdmin;

    /// <summary>
    /// Data of a product: members of the owning domain always; anyone else only with an active grant
    /// on a published product. Admins and stewards get no implicit data access.
    /// </summary>
    public static bool CanReadProductData(UserContext user, string domain, ProductStatus status, bool hasActiveGrant) =>
        user.IsMemberOf(domain) || (status == ProductStatus.Published && hasActiveGrant);

    /// <summary>Consumers outside the domain request access; members already have it.</summary>
    public static bool CanRequestAccess(UserContext user, string domain, ProductStatus status) =>
        status == ProductStatus.Published && !user.IsMemberOf(domain);

    public static bool IsGrantActive(bool approved, DateTime? expiresAt, DateTime nowUtc) =>
        approved && (expiresAt is null || expiresAt > nowUtc);
}
