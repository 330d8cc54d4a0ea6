using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Data;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

/// <summary>
/// The keys that sign cookies and anti-forgery tokens are encrypted in the database with the certificate from the settings.
/// </summary>
public sealed class DataProtectionKeyTests(AppFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>What someone holding a copy of the database could do: the app's key store, with whatever certificate they have.</summary>
    private IDataProtector Thief(string? certificatePath)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<ReadinessDbContext>(options => options.UseReadinessNpgsql(App.ConnectionString));
        var builder = services.AddDataProtection().SetApplicationName("Readiness").PersistKeysToDbContext<ReadinessDbContext>();
        if (certificatePath is not null)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, null);
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }

        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie");
    }

    [Fact]
    public async Task A_stolen_copy_of_the_key_table_cannot_unprotect_what_the_app_protected_without_the_certificate()
    {
        var protectedByApp = App
            .Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("cookie")
            .Protect("signed in as the programme office");

        var stored = await App.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(stored);
        Assert.All(
            stored,
            xml =>
            {
                Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            }
        );
        Assert.ThrowsAny<CryptographicException>(() => Thief(certificatePath: null).Unprotect(protectedByApp));
        Assert.ThrowsAny<CryptographicException>(() => Thief(TestCertificates.Create("CN=Someone else")).Unprotect(protectedByApp));
        Assert.Equal("signed in as the programme office", Thief(TestCertificates.DataProtectionPfx).Unprotect(protectedByApp));
    }
}
