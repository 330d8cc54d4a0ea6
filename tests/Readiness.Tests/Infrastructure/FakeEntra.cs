using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Readiness.Tests.Infrastructure;

/// <summary>
/// A stand-in for Microsoft Entra ID, answering the app's back-channel calls in memory: the v2.0 discovery document for
/// any tenant path and its signing keys. It issues what Entra's sign-in page posts back to the app (an ID token for the
/// nonce the app sent) and API access tokens: RS256, a v2.0 issuer per tenant, and the claims Entra sends (tid, oid,
/// preferred_username, name, scp).
/// </summary>
public sealed class FakeEntra : HttpMessageHandler
{
    public const string Host = "login.fake-entra.test";
    public const string Instance = $"https://{Host}/";
    public const string ClientId = "6f1c9d53-2a44-4c8e-9a51-3b0f6c7d2e10";
    public const string ClientSecret = "fake-entra-client-secret";

    /// <summary>
    /// The app asks Entra for an ID token posted back to it (Microsoft.Identity.Web's default when it calls no other API).
    /// </summary>
    public const string ResponseType = "id_token";

    /// <summary>One per test process: Microsoft.Identity.Web caches issuer validators per authority in a static.</summary>
    public static FakeEntra Shared { get; } = new();

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "fake-entra-key-1" };

    public static string IssuerFor(Guid tenant) => $"https://{Host}/{tenant}/v2.0";

    public sealed record Person(Guid TenantId, Guid ObjectId, string PreferredUsername, string Name);

    /// <summary>
    /// What Entra's sign-in page posts back to the app once the person has signed in: their ID token, bound to the app's nonce.
    /// </summary>
    public string IdToken(Person person, string nonce) => Token(person, ClientId, nonce: nonce);

    /// <summary>An access token for the app's API, as Entra would issue it; the parameters make the bad ones.</summary>
    public string AccessToken(Person person, string? audience = null, SecurityKey? signedWith = null, TimeSpan? expiresIn = null) =>
        Token(person, audience ?? ClientId, scope: "access_as_user", signedWith: signedWith, expiresIn: expiresIn);

    private string Token(
        Person person,
        string audience,
        string? nonce = null,
        string? scope = null,
        SecurityKey? signedWith = null,
        TimeSpan? expiresIn = null
    )
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var claims = new Dictionary<string, object>
        {
            ["tid"] = person.TenantId.ToString(),
            ["oid"] = person.ObjectId.ToString(),
            ["sub"] = person.ObjectId.ToString("N"),
            ["preferred_username"] = person.PreferredUsername,
            ["name"] = person.Name,
            ["ver"] = "2.0",
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        if (scope is not null)
        {
            claims["scp"] = scope;
        }

        return new JsonWebTokenHandler().CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = IssuerFor(person.TenantId),
                Audience = audience,
                Claims = claims,
                IssuedAt = expires < now ? expires.AddHours(-1) : now,
                NotBefore = expires < now ? expires.AddHours(-1) : now.AddMinutes(-1),
                Expires = expires,
                SigningCredentials = new SigningCredentials(signedWith ?? _key, SecurityAlgorithms.RsaSha256),
            }
        );
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.RequestUri.Host != Host)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        if (path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
        {
            var tenantPath = path[..path.IndexOf("/v2.0", StringComparison.Ordinal)];
            var endpoints = $"https://{Host}{tenantPath}";
            var document = $$"""
                {
                  "issuer": "https://{{Host}}/{tenantid}/v2.0",
                  "authorization_endpoint": "{{endpoints}}/oauth2/v2.0/authorize",
                  "token_endpoint": "{{endpoints}}/oauth2/v2.0/token",
                  "end_session_endpoint": "{{endpoints}}/oauth2/v2.0/logout",
                  "jwks_uri": "{{endpoints}}/discovery/v2.0/keys",
                  "response_types_supported": ["code", "id_token", "code id_token"],
                  "response_modes_supported": ["query", "fragment", "form_post"],
                  "subject_types_supported": ["pairwise"],
                  "id_token_signing_alg_values_supported": ["RS256"],
                  "scopes_supported": ["openid", "profile", "email", "offline_access"],
                  "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "name", "preferred_username", "oid", "tid", "ver"]
                }
                """;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        }

        if (path.EndsWith("/keys", StringComparison.Ordinal))
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
            return Json(
                new
                {
                    keys = new[]
                    {
                        new
                        {
                            kty = "RSA",
                            use = "sig",
                            kid = _key.KeyId,
                            n = jwk.N,
                            e = jwk.E,
                        },
                    },
                }
            );
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };

    /// <summary>A key Entra never published: tokens signed with it must be refused.</summary>
    public static SecurityKey ForgedKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "fake-entra-key-1" };
}
