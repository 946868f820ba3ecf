using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>A TableView source over a list of rows: the column names and a function giving each cell.</summary>
public sealed class RowsTableSource<TRow>(IReadOnlyList<TRow> rows, string[] columns, Func<TRow, int, object> cell) : ITableSource
{
    public string[] ColumnNames => columns;
    public int Columns => columns.Length;
    public int Rows => rows.Count;
    public object this[int row, int col] => cell(rows[row], col);
}
