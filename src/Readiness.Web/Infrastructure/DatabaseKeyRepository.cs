using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The data protection keys in PostgreSQL's <c>data_protection_keys</c> table (the table EF Core's key store used, mapped
/// in the model and its migrations), read and written with one plain command each. The data protection service reads
/// the keys before the app listens; through EF Core that read was the process's first query, and the app waited
/// about 0.6 s for EF Core to start up cold. Plain commands leave EF Core's start-up to run alongside.
/// <para>
/// Where keys must be encrypted (outside Development), a key whose secret is still in clear is refused rather than
/// stored: every instance reads every key, so one written by an instance without the certificate would be one a copy
/// of the database could mint cookies with.
/// </para>
/// </summary>
public sealed class DatabaseKeyRepository(string connectionString, bool requireEncryption, ILogger<DatabaseKeyRepository> logger)
    : IXmlRepository
{
    // ASP.NET Core data protection marks a secret written in clear with this attribute; encryption replaces the element.
    private static readonly XName RequiresEncryption = XName.Get("requiresEncryption", "http://schemas.asp.net/2015/03/dataProtection");

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var command = new NpgsqlCommand("SELECT friendly_name, xml FROM data_protection_keys ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            if (reader.IsDBNull(1) || reader.GetString(1) is not { Length: > 0 } xml)
            {
                logger.LogWarning("Data protection key {FriendlyName} holds no XML and was skipped.", reader.GetValue(0));
                continue;
            }

            elements.Add(XElement.Parse(xml));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        if (requireEncryption && element.DescendantsAndSelf().Any(e => (bool?)e.Attribute(RequiresEncryption) == true))
        {
            throw new InvalidOperationException(
                $"The data protection key {friendlyName} is not encrypted and was not stored: outside Development keys are "
                    + "encrypted with the certificate in DataProtection:CertificatePath."
            );
        }

        using var connection = Open();
        using var command = new NpgsqlCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
