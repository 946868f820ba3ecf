namespace Sniffer.Analysis.Pipeline;

/// <summary>
/// Numbers the messages of one protocol within a frame (0, 1, 2 … in the order they are dissected),
/// so that per-frame results stay apart when a TCP segment carries several PDUs, and a revisit of
/// the frame finds each one again.
/// </summary>
public struct FrameOrdinal
{
    private uint _frame;
    private long _visit;
    private int _next;

    /// <param name="visit">The dissection asking (<see cref="Sniffer.Dissectors.Core.PacketContext.Visit"/>): a new one starts again at 0.</param>
    public int Next(uint frame, long visit = 0)
    {
        if (frame != _frame || visit != _visit)
        {
            _frame = frame;
            _visit = visit;
            _next = 0;
        }
        return _next++;
    }

    /// <summary>The same frame is being dissected again from its start (a revisit right after the first visit).</summary>
    public void Restart(uint frame)
    {
        _frame = frame;
        _next = 1;
    }
}
