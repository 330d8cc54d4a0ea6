using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Readiness.TestSupport;

/// <summary>A self-signed certificate for encrypting data protection keys, made once per test process as a .pfx file.</summary>
public static class TestCertificates
{
    private static readonly Lazy<string> Pfx = new(() => Create("CN=Readiness test data protection"));

    /// <summary>The path of the shared test certificate (no password).</summary>
    public static string DataProtectionPfx => Pfx.Value;

    /// <summary>A new, different certificate: for proving that keys cannot be read with another one.</summary>
    public static string Create(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature, critical: false)
        );
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"readiness-dp-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    }
}
