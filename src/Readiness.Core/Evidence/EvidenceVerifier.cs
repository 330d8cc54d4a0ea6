using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;

namespace Readiness.Core.Evidence;

/// <summary>
/// Reads a recommendation's stored evidence back and checks each file against the SHA-256 recorded at upload (the restore drill uses it).
/// </summary>
public sealed class EvidenceVerifier(ReadinessDbContext db, IEvidenceStore store)
{
    public async Task<(int Checked, IReadOnlyList<string> Problems)> VerifyAsync(Guid recommendationId, CancellationToken cancellationToken)
    {
        var versions = await db
            .EvidenceFileVersions.AsNoTracking()
            .Where(v => v.EvidenceItem!.RecommendationId == recommendationId)
            .OrderBy(v => v.EvidenceItemId)
            .ThenBy(v => v.VersionNumber)
            .Select(v => new
            {
                v.Id,
                v.EvidenceItemId,
                v.VersionNumber,
                v.Sha256,
            })
            .ToListAsync(cancellationToken);
        var problems = new List<string>();
        foreach (var version in versions)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var sink = new HashingSink(hash);
            if (!await store.CopyToAsync(version.Id, sink, cancellationToken))
            {
                problems.Add($"Evidence {version.EvidenceItemId} version {version.VersionNumber}: no stored content.");
                continue;
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!string.Equals(actual, version.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(
                    $"Evidence {version.EvidenceItemId} version {version.VersionNumber}: SHA-256 {actual}, recorded {version.Sha256}."
                );
            }
        }

        return (versions.Count, problems);
    }

    private sealed class HashingSink(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            hash.AppendData(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
