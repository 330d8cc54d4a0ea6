using Microsoft.AspNetCore.Mvc.Razor;

namespace Readiness.Web.Infrastructure;

/// <summary>Views live beside their controller in Features/{Feature}/.</summary>
public static class FeatureFolderViewLocations
{
    public static void Apply(RazorViewEngineOptions options)
    {
        options.ViewLocationFormats.Clear();
        options.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
        options.ViewLocationFormats.Add("/Features/Admin/{1}/{0}.cshtml");
        options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
    }
}
