using System.Security.Cryptography;
using System.Text;

namespace Readiness.Core.Webhooks;

/// <summary>
/// The signature scheme: header <c>Readiness-Signature: t=TIMESTAMP,v1=HEX</c>, where HEX is the lowercase hex
/// HMAC-SHA256, keyed with the endpoint's secret, of the Unix timestamp, a full stop and the raw body. A receiver
/// recomputes it, compares in constant time and refuses timestamps more than five minutes old.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Readiness-Signature";

    public static string Sign(string secret, long timestamp, string body) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";

    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, out var timestamp) || !parts.TryGetValue("v1", out var v1))
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestamp, body));
    }

    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Mac(string secret, long timestamp, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
}
