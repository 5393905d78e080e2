using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Tests.Access;

public class AccessRulesTests
{
    private static UserContext User(bool admin = false, bool steward = false, params (string Domain, DomainRole Role)[] memberships) =>
        new("id", "u", admin, steward, memberships.ToDictionary(m => m.Domain, m => m.Role));

    [Fact]
    public void CanReadProductData_Member_AlwaysEvenAsDraft() =>
        Assert.True(AccessRules.CanReadProductData(User(memberships: ("sales", DomainRole.Analyst)), "sales", ProductStatus.Draft, false));

    [Fact]
    public void CanReadProductData_ConsumerWithoutGrant_IsRefused() =>
        Assert.False(AccessRules.CanReadProductData(User(), "sales", ProductStatus.Published, false));

    [Fact]
    public void CanReadProductData_ConsumerWithGrant_OnlyWhenPublished()
    {
        Assert.True(AccessRules.CanReadProductData(User(), "sales", ProductStatus.Published, true));
        Assert.False(AccessRules.CanReadProductData(User(), "sales", ProductStatus.InReview, true));
    }

    [Fact]
    public void CanReadProductData_AdminAndSteward_GetNoImplicitDataAccess() =>
        Assert.False(AccessRules.CanReadProductData(User(admin: true, steward: true), "sales", ProductStatus.Published, false));

    [Fact]
    public void CanSeeProduct_DraftOfOtherDomain_HiddenFromConsumerButNotFromSteward()
    {
        Assert.False(AccessRules.CanSeeProduct(User(), "sales", ProductStatus.Draft));
        Assert.True(AccessRules.CanSeeProduct(User(steward: true), "sales", ProductStatus.Draft));
    }

    [Fact]
    public void CanManageDomain_OnlyOwnersAndAdmins()
    {
        Assert.True(AccessRules.CanManageDomain(User(memberships: ("sales", DomainRole.Owner)), "sales"));
        Assert.False(AccessRules.CanManageDomain(User(memberships: ("sales", DomainRole.Analyst)), "sales"));
        Assert.False(AccessRules.CanManageDomain(User(memberships: ("marketing", DomainRole.Owner)), "sales"));
        Assert.True(AccessRules.CanManageDomain(User(admin: true), "sales"));
    }

    [Fact]
    public void CanDecideAccessRequest_OwnersAndAdminsButNeverTheRequester()
    {
        var owner = User(memberships: ("sales", DomainRole.Owner));
        Assert.True(AccessRules.CanDecideAccessRequest(owner, "sales", "someone-else"));
        Assert.False(AccessRules.CanDecideAccessRequest(owner, "sales", owner.UserId));
        Assert.True(AccessRules.CanDecideAccessRequest(User(admin: true), "sales", "someone-else"));
        Assert.False(AccessRules.CanDecideAccessRequest(User(admin: true), "sales", "id"));
        Assert.False(AccessRules.CanDecideAccessRequest(User(memberships: ("sales", DomainRole.Analyst)), "sales", "someone-else"));
    }

    [Fact]
    public void CanReadSource_MembersOnly_NotAdminsOrStewards()
    {
        Assert.True(AccessRules.CanReadSource(User(memberships: ("sales", DomainRole.Analyst)), "sales"));
        Assert.False(AccessRules.CanReadSource(User(admin: true), "sales"));
        Assert.False(AccessRules.CanReadSource(User(steward: true), "sales"));
        Assert.True(AccessRules.CanAuthorIn(User(admin: true), "sales"));
    }

    [Fact]
    public void CanReview_OnlyStewards() =>
        Assert.Equal([true, false], new[] { User(steward: true), User(admin: true) }.Select(AccessRules.CanReview));

    [Fact]
    public void IsGrantActive_ExpiredGrant_IsInactive()
    {
        var now = new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);
        Assert.False(AccessRules.IsGrantActive(true, now.AddMinutes(-1), now));
        Assert.True(AccessRules.IsGrantActive(true, now.AddMinutes(1), now));
        Assert.False(AccessRules.IsGrantActive(false, null, now));
    }
}
