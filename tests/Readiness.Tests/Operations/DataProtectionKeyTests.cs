using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Readiness.Core.Data;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;
using Readiness.Web.Infrastructure;

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

    [Fact]
    public async Task Keys_stored_by_EF_Cores_key_store_before_are_read_by_the_apps_and_a_key_without_XML_is_skipped()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<ReadinessDbContext>(options => options.UseReadinessNpgsql(App.ConnectionString));
        var provider = services.BuildServiceProvider();
        var before = new EntityFrameworkCoreXmlRepository<ReadinessDbContext>(provider, NullLoggerFactory.Instance);
        var id = Guid.NewGuid().ToString();
        // Not a key element: the running app's key ring passes over it while the test holds it.
        before.StoreElement(new XElement("test", new XAttribute("id", id), new XElement("creationDate", "2026-11-26")), "test-" + id);
        var empty = new DataProtectionKey { FriendlyName = "key-without-xml-" + id };
        await App.WithDbAsync(async db =>
        {
            db.DataProtectionKeys.Add(empty);
            await db.SaveChangesAsync();
        });
        try
        {
            var read = new DatabaseKeyRepository(
                App.ConnectionString,
                requireEncryption: true,
                NullLogger<DatabaseKeyRepository>.Instance
            ).GetAllElements();

            var key = Assert.Single(read, k => (string?)k.Attribute("id") == id);
            Assert.Equal("2026-11-26", key.Element("creationDate")?.Value);
            Assert.Equal(await App.WithDbAsync(db => db.DataProtectionKeys.CountAsync(k => k.Xml != null && k.Xml != "")), read.Count);
        }
        finally
        {
            await App.WithDbAsync(db =>
                db.DataProtectionKeys.Where(k => k.FriendlyName == "test-" + id || k.Id == empty.Id).ExecuteDeleteAsync()
            );
        }
    }

    [Fact]
    public async Task A_key_made_without_the_certificate_is_refused_and_not_stored()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("Readiness");
        services.Configure<KeyManagementOptions>(options =>
            options.XmlRepository = new DatabaseKeyRepository(
                App.ConnectionString,
                requireEncryption: true,
                NullLogger<DatabaseKeyRepository>.Instance
            )
        );
        await using var provider = services.BuildServiceProvider();
        var stored = await App.WithDbAsync(db => db.DataProtectionKeys.CountAsync());

        var refused = Assert.Throws<InvalidOperationException>(() =>
            provider.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90))
        );

        Assert.Contains("DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Equal(stored, await App.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }
}
