using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Readiness.Web.Infrastructure;

/// <summary>Views live beside their controller: the controller's namespace under Readiness.Web.Features names its folder.</summary>
public sealed class FeatureFolderViewLocations : IViewLocationExpander
{
    private const string Root = "Readiness.Web.Features.";

    public static void Apply(RazorViewEngineOptions options)
    {
        options.ViewLocationFormats.Clear();
        options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
        options.ViewLocationExpanders.Add(new FeatureFolderViewLocations());
    }

    public void PopulateValues(ViewLocationExpanderContext context) =>
        context.Values["feature"] = Feature(context.ActionContext.ActionDescriptor as ControllerActionDescriptor);

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        context.Values.TryGetValue("feature", out var feature) && feature is not null
            ? viewLocations.Prepend($"/Features/{feature}/{{0}}.cshtml")
            : viewLocations;

    private static string? Feature(ControllerActionDescriptor? action) =>
        action?.ControllerTypeInfo.Namespace is { } ns && ns.StartsWith(Root, StringComparison.Ordinal)
            ? ns[Root.Length..].Replace('.', '/')
            : null;
}
