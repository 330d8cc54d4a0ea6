using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Admin;

[Authorize(Policy = Policies.ProgrammeOffice)]
public sealed class AdminController : Controller
{
    [HttpGet("/admin")]
    public IActionResult Index()
    {
        ViewData["Section"] = "admin";
        return View("~/Features/Admin/Index.cshtml");
    }
}
