using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Readiness.Web.Features.Accessibility;

[AllowAnonymous]
public sealed class AccessibilityController : Controller
{
    [HttpGet("/accessibility")]
    public IActionResult Index() => View();
}
