using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core.PublicProgress;

namespace Readiness.Web.Features.PublicProgress;

/// <summary>The public's view of progress: no sign-in, only what the programme office last published.</summary>
[AllowAnonymous]
public sealed class PublicProgressController(PublicProgressPublisher publisher) : Controller
{
    [HttpGet("/progress")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await publisher.PublishedAsync(cancellationToken));
}
