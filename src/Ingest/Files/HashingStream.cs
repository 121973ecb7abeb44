using System.Security.Cryptography;

namespace JuniperFts.Ingest.Files;

/// <summary>A read-only, forward-only view of a file that hashes every byte as it passes, so a file is read once for its rows and its SHA-256.</summary>
/// <remarks>Disposing it leaves the file open (the CSV parser disposes its stream when it is done; the hash is taken after that).</remarks>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The SHA-256 of the whole file: whatever the reader left unread is read (and hashed) first.</summary>
    public string Finish()
    {
        Span<byte> rest = stackalloc byte[1 << 14];
        while (Read(rest) > 0) { }
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    /// <summary>Bytes read so far (for progress).</summary>
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Frees the hash; the owner closes the file.</summary>
    public void Release() => _hash.Dispose();
}
