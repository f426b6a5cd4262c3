/// A compute to create, from flags or a YAML file.
public struct ComputeRequest: Sendable, Equatable {
    public var name: String
    /// `amlcompute` or `computeinstance` (lower case).
    public var type: String
    public var size: String?
    public var minInstances: Int?
    public var maxInstances: Int?
    public var idleSeconds: Int?
    public var tier: String?
    public var description: String?
    public var location: String?
    public var tags: JSONValue

    public init(name: String, type: String, size: String? = nil, minInstances: Int? = nil, maxInstances: Int? = nil,
                idleSeconds: Int? = nil, tier: String? = nil, description: String? = nil, location: String? = nil, tags: JSONValue = [:]) {
        self.name = name
        self.type = type.lowercased()
        self.size = size
        self.minInstances = minInstances
        self.maxInstances = maxInstances
        self.idleSeconds = idleSeconds
        self.tier = tier
        self.description = description
        self.location = location
        self.tags = tags
    }

    /// Builds a request from a validated compute YAML document.
    public init(document: YAMLDocument) throws {
        let root = document.root
        guard let name = root["name"]?.scalarText, let type = root["type"]?.stringValue else {
            throw WorkspaceError.invalidArgument("a compute needs `name` and `type`")
        }
        func int(_ key: String) -> Int? { root[key]?.intValue.flatMap { Int(exactly: $0) } }
        self.init(name: name, type: type, size: root["size"]?.stringValue, minInstances: int("min_instances"), maxInstances: int("max_instances"),
                  idleSeconds: int("idle_time_before_scale_down"), tier: root["tier"]?.stringValue, description: root["description"]?.scalarText,
                  location: root["location"]?.stringValue, tags: root["tags"] ?? [:])
    }
}
