/// A reference to an asset version as YAML and flags write it.
public enum AssetReference: Sendable, Equatable {
    /// `azureml:name:version`, or `name` + `--version`.
    case version(name: String, version: String)
    /// `azureml:name@label` (`latest` or another label).
    case label(name: String, label: String)
    /// `azureml://registries/<registry>/<kind>/<name>/versions/<v>` or `/labels/<label>`.
    case registry(registry: String, kind: AssetKind, name: String, selector: Selector)

    /// Version or label part of a registry reference.
    public enum Selector: Sendable, Equatable {
        case version(String)
        case label(String)
    }

    /// Parses a reference; nil when the text is not an asset reference (e.g. a local path).
    public static func parse(_ text: String) -> AssetReference? {
        if text.hasPrefix("azureml://registries/") {
            let parts = text.dropFirst("azureml://registries/".count).split(separator: "/").map(String.init)
            guard parts.count == 5, let kind = AssetKind(pathSegment: parts[1]) else { return nil }
            switch parts[3] {
            case "versions": return .registry(registry: parts[0], kind: kind, name: parts[2], selector: .version(parts[4]))
            case "labels": return .registry(registry: parts[0], kind: kind, name: parts[2], selector: .label(parts[4]))
            default: return nil
            }
        }
        guard text.hasPrefix("azureml:"), !text.hasPrefix("azureml://"), !text.hasPrefix("azureml:/") else { return nil }
        let body = String(text.dropFirst("azureml:".count))
        if let at = body.firstIndex(of: "@") {
            let name = String(body[..<at]), label = String(body[body.index(after: at)...])
            guard !name.isEmpty, !label.isEmpty else { return nil }
            return .label(name: name, label: label)
        }
        let pieces = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else { return nil }
        return .version(name: pieces[0], version: pieces[1])
    }
}
