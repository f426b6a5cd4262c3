/// The versioned asset kinds of a workspace or registry.
public enum AssetKind: String, Sendable, CaseIterable {
    case data, model, environment, component

    /// How messages name one asset ("data asset", "model"...).
    public var displayName: String {
        switch self {
        case .data: return "Data asset"
        case .model: return "Model"
        case .environment: return "Environment"
        case .component: return "Component"
        }
    }

    /// The segment in ARM ids and registry URIs (`data`, `models`, `environments`, `components`).
    public var pathSegment: String {
        switch self {
        case .data: return "data"
        case .model: return "models"
        case .environment: return "environments"
        case .component: return "components"
        }
    }

    /// The kind named by a registry URI segment.
    public init?(pathSegment: String) {
        guard let kind = AssetKind.allCases.first(where: { $0.pathSegment == pathSegment }) else { return nil }
        self = kind
    }
}
