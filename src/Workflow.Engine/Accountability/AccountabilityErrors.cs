namespace Workflow.Engine.Accountability;

/// <summary>Codes of refusals by the accountability checks of the durable runtime (DOMAIN.md §4).</summary>
public static class AccountabilityErrors
{
#pragma warning disable CS1591 // the names are the documentation; docs/accountability.md explains each
    public const string ActorRequired = "actor-required";
    public const string DelegationInvalid = "delegation-invalid";
    public const string NotCandidate = "not-candidate";
    public const string WrongUnit = "wrong-unit";
    public const string NotAssignee = "not-assignee";
    public const string SeparationOfDuties = "separation-of-duties";
    public const string JustificationRequired = "justification-required";
    public const string FieldLocked = "field-locked";
    public const string OfferPending = "offer-pending";
    public const string NoOffer = "no-offer";
    public const string NotOfferRecipient = "not-offer-recipient";
    public const string OfferInvalid = "offer-invalid";
    public const string AmendmentInvalid = "amendment-invalid";
    public const string AmendmentNotFound = "amendment-not-found";
    public const string AmendmentPending = "amendment-pending";
    public const string AmendmentReviewOnly = "amendment-review-only";
#pragma warning restore CS1591
}
