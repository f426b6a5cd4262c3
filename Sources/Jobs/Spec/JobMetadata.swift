import Foundation

/// Fields every job type shares.
/// Properties mirror the YAML keys of the same name (`display_name` → `displayName`).
public struct JobMetadata: Sendable, Equatable {
    public var schema: String?
    public var name: String?
    public var displayName: String?
    public var experimentName: String?
    public var description: String?
    public var tags: [String: String]
    public var compute: String?
    /// `identity.type` (`user_identity`, `managed`, `aml_token`) when given.
    public var identityType: String?
    /// Where each top-level key is written (for errors found after parsing, such as unknown references).
    public var positions: [String: SourcePosition]

    public init(schema: String? = nil, name: String? = nil, displayName: String? = nil, experimentName: String? = nil,
                description: String? = nil, tags: [String: String] = [:], compute: String? = nil, identityType: String? = nil, positions: [String: SourcePosition] = [:]) {
        self.schema = schema
        self.name = name
        self.displayName = displayName
        self.experimentName = experimentName
        self.description = description
        self.tags = tags
        self.compute = compute
        self.identityType = identityType
        self.positions = positions
    }
}

extension JobMetadata {
    /// The position of top-level `key`, or the start of the file.
    public func position(of key: String, file: String) -> SourcePosition {
        positions[key] ?? SourcePosition(file: file, line: 1, column: 1)
    }
}
