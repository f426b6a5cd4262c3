/// One problem found while reading or validating a pack: where it is and what is wrong.
public struct Diagnostic: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column; 0 when the problem concerns the whole file.
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(at location: SourceLocation, _ message: String) {
        self.init(file: location.file, line: location.line, column: location.column, message: message)
    }

    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// `file:line:column: message`, the format editors and CI logs recognise.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

extension Diagnostic: Comparable {
    /// Orders by file, then line, then column, then message.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
    }
}
