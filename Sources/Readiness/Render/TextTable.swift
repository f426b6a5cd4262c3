import Foundation

/// Left-aligned columns separated by two spaces; widths from the plain text, so painting a cell
/// (e.g. with ANSI colour) after padding keeps the alignment.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    /// Lines of the table; `paint(row, column, paddedCell)` may decorate body cells.
    func lines(paint: (Int, Int, String) -> String = { _, _, cell in cell }) -> [String] {
        let columns = header.count
        var widths = header.map(\.count)
        for row in rows {
            for (c, cell) in row.prefix(columns).enumerated() { widths[c] = max(widths[c], cell.count) }
        }
        func line(_ cells: [String], row: Int?) -> String {
            var parts: [String] = []
            for c in 0..<columns {
                let cell = c < cells.count ? cells[c] : ""
                let padded = c == columns - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
                parts.append(row.map { paint($0, c, padded) } ?? padded)
            }
            return parts.joined(separator: "  ")
        }
        return [line(header, row: nil)] + rows.enumerated().map { line($1, row: $0) }
    }
}
