using Readiness.TestSupport;

namespace Readiness.Tests.Infrastructure;

public abstract class IntegrationTest(AppFixture fixture) : IAsyncLifetime
{
    protected ReadinessApp App => fixture.App;

    protected AppFixture Fixture => fixture;

    public async ValueTask InitializeAsync()
    {
        await fixture.Database.ResetAsync();
        App.Clock.SetUtcNow(ReadinessApp.DefaultNow);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A client that does not follow redirects, signed in through the development header when an email is given.</summary>
    protected HttpClient Client(string? email = null)
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        if (email is not null)
        {
            client.DefaultRequestHeaders.Add("X-Dev-User", email);
        }

        return client;
    }
}
