using System.Text;
using VoicePlatform.Leads;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// Cuts an uploaded CSV list into import parts of at most <see cref="LeadImportSource.MaxRows"/> records as it is read,
/// never holding the whole file: a line break ends a record only outside quotes (a quoted field may hold separators,
/// doubled quotes and line breaks). Each part repeats the header, so it reads on its own, and carries the offset that
/// turns its line numbers back into the file's.
/// </summary>
public sealed class CsvPartReader(TextReader reader, int rowsPerPart = LeadImportSource.MaxRows)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private int _length;
    private int _position;
    private bool _inQuotes;
    private int _line = 1;

    /// <summary>Records read so far after the header.</summary>
    public int Rows { get; private set; }

    /// <summary>The parts in order; none when the file holds no record after its header (or nothing at all).</summary>
    public async IAsyncEnumerable<LeadUploadPart> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var header = await ReadRecordAsync(cancellationToken);
        if (header is null) yield break;
        var headerText = header.Value.Text.TrimStart('\uFEFF');
        var headerLines = header.Value.Lines;
        var part = new StringBuilder();
        var (sequence, partRows, partFirstLine) = (0, 0, 0);
        while (await ReadRecordAsync(cancellationToken) is { } record)
        {
            if (partRows == 0)
            {
                part.Clear().Append(headerText).Append('\n');
                partFirstLine = record.FirstLine;
            }
            part.Append(record.Text).Append('\n');
            partRows++;
            Rows++;
            if (partRows < rowsPerPart) continue;
            yield return Part(sequence++, part, partRows, partFirstLine - (headerLines + 1));
            partRows = 0;
        }
        if (partRows > 0) yield return Part(sequence, part, partRows, partFirstLine - (headerLines + 1));
    }

    private static LeadUploadPart Part(int sequence, StringBuilder text, int rows, int rowOffset) =>
        new() { Sequence = sequence, RowOffset = rowOffset, Rows = rows, Source = new LeadImportSource { Csv = text.ToString() } };

    /// <summary>The next record without its line ending, the file line it starts on and how many lines it spans; null at the end.</summary>
    private async Task<(string Text, int FirstLine, int Lines)?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var firstLine = _line;
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer, cancellationToken);
                _position = 0;
                if (_length == 0) return text.Length == 0 ? null : (text.ToString().TrimEnd('\r'), firstLine, _line - firstLine + 1);
            }
            var c = _buffer[_position++];
            if (c == '"') _inQuotes = !_inQuotes;
            if (c != '\n')
            {
                text.Append(c);
                continue;
            }
            _line++;
            if (_inQuotes)
            {
                text.Append(c);
                continue;
            }
            return (text.ToString().TrimEnd('\r'), firstLine, _line - firstLine);
        }
    }
}
