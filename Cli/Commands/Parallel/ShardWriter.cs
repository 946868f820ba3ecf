using System.Text;

namespace Sniffer.Cli.Commands.Parallel;

/// <summary>The output a shard's printer writes to: the <see cref="ShardText"/> of the batch it is dissecting.</summary>
public sealed class ShardWriter : TextWriter
{
    private ShardText? _target;

    public override Encoding Encoding => Encoding.UTF8;

    public ShardWriter() => NewLine = "\n";

    public ShardText Target
    {
        get => _target ?? throw new InvalidOperationException("no batch is being printed");
        set => _target = value;
    }

    public override void Write(char value) => Target.Append(value);
    public override void Write(char[] buffer, int index, int count) => Target.Append(buffer.AsSpan(index, count));
    public override void Write(ReadOnlySpan<char> buffer) => Target.Append(buffer);
    public override void Write(string? value) => Target.Append(value);
    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        Target.Append(buffer);
        Target.Append(CoreNewLine);
    }
}
