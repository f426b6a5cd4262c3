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
    /// `identity` as in the YAML: `{type: system_assigned}` or `{type: user_assigned, user_assigned_identities: [{resource_id}]}`.
    public var identity: JSONValue?

    public init(name: String, type: String, size: String? = nil, minInstances: Int? = nil, maxInstances: Int? = nil,
                idleSeconds: Int? = nil, tier: String? = nil, description: String? = nil, location: String? = nil, tags: JSONValue = [:], identity: JSONValue? = nil) {
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
        self.identity = identity
    }

    /// `--identity-type SystemAssigned|UserAssigned` and `--user-assigned-identities ID[,ID]` as the YAML's `identity`.
    public static func identity(type: String?, userAssigned: [String]) throws -> JSONValue? {
        guard let type else {
            guard userAssigned.isEmpty else { throw WorkspaceError.invalidArgument("--user-assigned-identities needs --identity-type UserAssigned") }
            return nil
        }
        switch type.lowercased().replacingOccurrences(of: "_", with: "") {
        case "systemassigned": return ["type": "system_assigned"]
        case "userassigned":
            let ids = userAssigned.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
            guard !ids.isEmpty else { throw WorkspaceError.invalidArgument("--identity-type UserAssigned needs --user-assigned-identities with the identity's resource id") }
            return ["type": "user_assigned", "user_assigned_identities": .array(ids.map { ["resource_id": .string($0)] })]
        case "systemassigned,userassigned":
            let ids = userAssigned.flatMap { $0.split(separator: ",").map(String.init) }
            return ["type": "system_assigned,user_assigned", "user_assigned_identities": .array(ids.map { ["resource_id": .string($0)] })]
        case "none": return ["type": "none"]
        default: throw WorkspaceError.invalidArgument("invalid --identity-type '\(type)': use SystemAssigned, UserAssigned or None")
        }
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
                  location: root["location"]?.stringValue, tags: root["tags"] ?? [:], identity: root["identity"])
    }
}
