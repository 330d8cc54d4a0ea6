using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Readiness.Core.Data;

namespace Readiness.Web.Infrastructure;

/// <summary>The certificate that encrypts the data protection keys held in PostgreSQL.</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with its private key; required outside Development.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary>
/// Data protection keys sign the sign-in cookie and anti-forgery tokens, and live in PostgreSQL so every instance shares
/// them. They are encrypted with a certificate from the settings, so a copy of the database or a backup cannot mint a
/// cookie; outside Development the app refuses to start without it.
/// </summary>
public static class KeyProtection
{
    /// <summary>
    /// Operations commands (<paramref name="serving"/> false) use no keys, so they need no certificate: the migration job runs without it.
    /// </summary>
    public static IServiceCollection AddReadinessDataProtection(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment,
        bool serving
    )
    {
        services
            .AddOptions<KeyProtectionOptions>()
            .Bind(configuration.GetSection(KeyProtectionOptions.Section))
            .Validate(
                o => !serving || environment.IsDevelopment() || !string.IsNullOrWhiteSpace(o.CertificatePath),
                "DataProtection:CertificatePath is not set. Outside Development the data protection keys in the database must be "
                    + "encrypted: "
                    + "set DataProtection:CertificatePath to a .pfx file with its private key (and DataProtection:CertificatePassword)."
            )
            .ValidateOnStart();
        var builder = services.AddDataProtection().SetApplicationName("Readiness");
        services
            .AddOptions<KeyManagementOptions>()
            .Configure<ILogger<DatabaseKeyRepository>>(
                (options, logger) =>
                    options.XmlRepository = new DatabaseKeyRepository(
                        CoreServiceCollectionExtensions.WithPreparedStatements(
                            CoreServiceCollectionExtensions.ConnectionString(configuration)
                        ),
                        requireEncryption: !environment.IsDevelopment(),
                        logger
                    )
            );
        var settings = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>();
        if (serving && !string.IsNullOrWhiteSpace(settings?.CertificatePath))
        {
            var certificate = Load(settings.CertificatePath, settings.CertificatePassword);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"DataProtection:CertificatePath {path} holds no private key.");
        }
        catch (Exception exception)
            when (exception is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath {path} could not be read as a .pfx certificate (check "
                    + $"DataProtection:CertificatePassword): {exception.Message}",
                exception
            );
        }
    }
}
