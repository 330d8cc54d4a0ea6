using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Data;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;
using Readiness.Web.Infrastructure;

namespace Readiness.Tests.Operations;

public sealed class FormLimitsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>Every text field a form posts: properties of the models POST actions bind, and their own text parameters.</summary>
    public static IEnumerable<(string Where, ICustomAttributeProvider Field)> FormTextFields()
    {
        var actions = typeof(Program)
            .Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<HttpPostAttribute>().Any() || m.GetCustomAttributes<HttpPutAttribute>().Any());
        var seen = new HashSet<Type>();
        var forms = typeof(Program).Assembly.GetTypes().Where(t => t.IsClass && t.Name.EndsWith("Form", StringComparison.Ordinal));
        foreach (var field in forms.SelectMany(form => Walk(form, seen)))
        {
            yield return field;
        }

        foreach (var action in actions)
        {
            foreach (var parameter in action.GetParameters())
            {
                if (parameter.ParameterType == typeof(string) && !IsRouteValue(action, parameter))
                {
                    yield return ($"{action.DeclaringType!.Name}.{action.Name}({parameter.Name})", parameter);
                }

                foreach (var field in Walk(parameter.ParameterType, seen))
                {
                    yield return field;
                }
            }
        }
    }

    private static bool IsRouteValue(MethodInfo action, ParameterInfo parameter) =>
        action
            .GetCustomAttributes<HttpMethodAttribute>()
            .Select(a => a.Template)
            .Append(action.DeclaringType!.GetCustomAttribute<RouteAttribute>()?.Template)
            .Any(template => template?.Contains("{" + parameter.Name, StringComparison.Ordinal) == true);

    private static IEnumerable<(string, ICustomAttributeProvider)> Walk(Type type, HashSet<Type> seen)
    {
        var element =
            type.IsGenericType && type.GetGenericArguments() is [var only] ? only
            : type.IsArray ? type.GetElementType()!
            : type;
        if (element.Namespace?.StartsWith("Readiness", StringComparison.Ordinal) != true || !element.IsClass || !seen.Add(element))
        {
            yield break;
        }

        foreach (var property in element.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.CanWrite))
        {
            if (property.PropertyType == typeof(string))
            {
                yield return ($"{element.Name}.{property.Name}", property);
            }

            foreach (var nested in Walk(property.PropertyType, seen))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Stored text is bounded by its column, read from the database model; other text by a stated length.</summary>
    private static bool IsBounded(ICustomAttributeProvider field, Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        field.GetCustomAttributes(typeof(FitsColumnAttribute), false) is [FitsColumnAttribute column]
            ? column.MaxLength(model) is not null
            : field.IsDefined(typeof(System.ComponentModel.DataAnnotations.StringLengthAttribute), false);

    [Fact]
    public void Every_form_text_field_is_bounded_by_the_column_it_is_stored_in_or_by_a_stated_limit()
    {
        var model = App.Services.CreateScope().ServiceProvider.GetRequiredService<ReadinessDbContext>().Model;
        var problems = FormTextFields().Where(f => !IsBounded(f.Field, model)).Select(f => f.Where).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("Code", 33, "The code must be 32 characters or fewer")]
    [InlineData("Name", 401, "The name must be 400 characters or fewer")]
    public async Task A_value_one_character_longer_than_its_column_gets_the_columns_limit_in_the_message_and_nothing_is_saved(
        string field,
        int length,
        string message
    )
    {
        var office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(office);
        var fields = new Dictionary<string, string> { ["Code"] = "LFB", ["Name"] = "London Fire Brigade" };
        fields[field] = new string('A', length);

        var response = await Client(office.Email).PostFormAsync("/admin/agencies/new", "/admin/agencies/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Agencies.CountAsync()));
    }
}
