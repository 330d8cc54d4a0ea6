using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Users;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Home;

public sealed class HomeController(HomeQueries queries) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(User)!;
        ViewData["Section"] = "home";
        return user switch
        {
            { Role: Role.ProgrammeOffice } => View(
                "ProgrammeOffice",
                await queries.ForProgrammeOfficeAsync(user.Reader, cancellationToken)
            ),
            { Role: Role.Executive } or { AgencyId: null } => View(
                "Executive",
                await queries.ForExecutiveAsync(user.Reader, cancellationToken)
            ),
            _ => View("Agency", await queries.ForAgencyAsync(user.AgencyId!.Value, user.AgencyName ?? "", user.Reader, cancellationToken)),
        };
    }
}
