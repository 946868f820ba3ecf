using Sniffer.Tui.Model.Filtering;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Model;

/// <summary>
/// The packet list as Terminal.Gui sees it: virtual rows over the index (or over a filter's matches).
/// Nothing is materialised; a cell is formatted only when the table draws it.
/// </summary>
public sealed class PacketTableSource(PacketSession session) : ITableSource
{
    public static readonly string[] Names = ["No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"];

    public string[] ColumnNames => Names;
    public int Columns => Names.Length;

    /// <summary>When set, only these frames are listed (a display filter's matches, still growing while it runs).</summary>
    public FrameList? Filtered { get; set; }

    public int Rows => Filtered?.Count ?? session.Count;

    public int FrameIndexAt(int row) => Filtered is { } f ? f[row] : row;

    /// <summary>The row showing <paramref name="frameIndex"/>, or the nearest one after it.</summary>
    public int RowOf(int frameIndex) => Filtered is { } f ? Math.Min(f.PositionOf(frameIndex), Math.Max(0, f.Count - 1)) : frameIndex;

    public PacketRow RowAt(int row) => session.Row(FrameIndexAt(row));

    public object this[int row, int col]
    {
        get
        {
            if ((uint)row >= (uint)Rows) return "";
            var r = RowAt(row);
            return col switch
            {
                0 => r.Number,
                1 => r.Time,
                2 => r.Source,
                3 => r.Destination,
                4 => r.Protocol,
                5 => r.Length,
                _ => r.Info,
            };
        }
    }
}
