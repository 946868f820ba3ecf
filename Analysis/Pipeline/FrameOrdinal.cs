namespace Sniffer.Analysis.Pipeline;

/// <summary>
/// Numbers the messages of one protocol within a frame (0, 1, 2 … in the order they are dissected),
/// so that per-frame results stay apart when a TCP segment carries several PDUs, and a revisit of
/// the frame finds each one again.
/// </summary>
public struct FrameOrdinal
{
    private uint _frame;
    private int _next;

    public int Next(uint frame)
    {
        if (frame != _frame)
        {
            _frame = frame;
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
