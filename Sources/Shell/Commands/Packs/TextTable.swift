/// Plain-text table with left-aligned text columns and right-aligned number columns.
struct TextTable {
    var headers: [String]
    /// Columns (by index) aligned to the right.
    var numeric: Set<Int>
    var rows: [[String]] = []

    init(headers: [String], numeric: Set<Int> = []) {
        self.headers = headers
        self.numeric = numeric
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                guard i < widths.count else { return cell }
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                if i == row.count - 1 && !numeric.contains(i) { return cell }
                return numeric.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
