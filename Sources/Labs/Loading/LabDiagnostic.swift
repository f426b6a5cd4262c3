import Foundation

/// One problem in a lab's files: `file:line: message`.
public struct LabDiagnostic: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file or folder.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }

    public static func < (lhs: LabDiagnostic, rhs: LabDiagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.message) < (rhs.file, rhs.line, rhs.message)
    }
}
