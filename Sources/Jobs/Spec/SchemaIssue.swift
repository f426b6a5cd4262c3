import Foundation

/// Where something is in a YAML file (1-based line and column; 0 when unknown).
public struct SourcePosition: Sendable, Equatable, CustomStringConvertible {
    /// The file as the learner named it.
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}

/// One problem found while validating a job or component YAML, in az's categories.
public struct SchemaIssue: Sendable, Equatable, CustomStringConvertible {
    /// The error categories of the Azure ML SDK's validation template.
    public enum Category: String, Sendable, Equatable, CaseIterable {
        /// A value of the wrong type, format or set ("Not a valid ...").
        case invalidField
        /// A key the schema does not know ("Unknown field.").
        case unknownField
        /// A required key is absent ("Missing data for required field.").
        case missingField
        /// A path that does not exist.
        case missingFile
        /// The YAML itself cannot be parsed.
        case unparsable
        /// A referenced asset or job does not exist.
        case notFound
        /// A feature the simulator parses but cannot run the way Azure does.
        case notSimulated
    }

    public var category: Category
    /// Dotted path of the field (`jobs.train.inputs.lr`), empty for the whole document.
    public var field: String
    /// What is wrong, in one sentence.
    public var message: String
    public var position: SourcePosition

    public init(_ category: Category, field: String, _ message: String, at position: SourcePosition) {
        self.category = category
        self.field = field
        self.message = message
        self.position = position
    }

    /// "not simulated yet: FEATURE (file:line:column)" for warnings printed next to an accepted job.
    public var warningText: String {
        "\(message) (\(position))"
    }

    /// The same as `warningText`: `field`-free one-line text with its position.
    public var description: String { warningText }
}
