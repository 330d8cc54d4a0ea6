namespace Readiness.Web.Features.Shared;

public static class ConcurrencyMessage
{
    public const string Text = "Someone else saved a change to this while you were editing it. Their change is shown on the page; what you entered is still in the form. Check it and save again.";
}
