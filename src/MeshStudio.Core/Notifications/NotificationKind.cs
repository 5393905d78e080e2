namespace MeshStudio.Core.Notifications;

/// <summary>What a notification is about; each user turns each kind on or off (ADR 26).</summary>
public enum NotificationKind
{
    /// <summary>Someone asks for access to a product you own (to the product's and the domain's owners).</summary>
    AccessRequested = 0,
    /// <summary>Your access request was approved or refused.</summary>
    AccessDecided = 1,
    /// <summary>A review you opened was approved or rejected.</summary>
    ReviewDecided = 2,
    /// <summary>A product you use (a grant, or a job of yours reads it) has a breaking change: a new major version.</summary>
    BreakingChange = 3,
    /// <summary>The job of a product you own failed.</summary>
    JobFailed = 4,
}
