using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core;
using Readiness.Core.PublicProgress;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Admin.PublicProgressAdmin;

public sealed record PublicProgressPreviewPage(
    PublicProgressData Preview,
    PublishedProgress? Published,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed
);

/// <summary>The programme office previews the public progress page exactly as it would appear, then publishes it.</summary>
[Authorize(Policy = Policies.ProgrammeOffice)]
[Route("admin/public-progress")]
public sealed class PublicProgressAdminController(PublicProgressPublisher publisher) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Preview(CancellationToken cancellationToken)
    {
        var preview = await publisher.PreviewAsync(cancellationToken);
        var published = await publisher.PublishedAsync(cancellationToken);
        var before = published?.Data.References.ToHashSet() ?? [];
        var now = preview.References.ToHashSet();
        return View(new PublicProgressPreviewPage(preview, published, [.. now.Except(before).Order()], [.. before.Except(now).Order()]));
    }

    [HttpPost("publish")]
    public async Task<IActionResult> Publish(CancellationToken cancellationToken)
    {
        var data = await publisher.PublishAsync(CurrentUser.From(User)!.Id, cancellationToken);
        TempData["Success"] = $"The public progress page now shows {data.Total} recommendations.";
        return Redirect(Links.PublicProgressAdmin);
    }
}
