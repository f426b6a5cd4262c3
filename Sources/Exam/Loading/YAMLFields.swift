import Yams

/// The entries of one YAML mapping, copied once into plain arrays so that repeated key
/// lookups do not re-walk Yams' mapping (which copies every node on iteration).
struct YAMLFields {
    /// Key and value nodes in file order.
    let entries: [(key: Node, value: Node)]
    /// The text of each key (nil for a key that is not a scalar), parallel to `entries`.
    private let names: [String?]

    init(_ mapping: Node.Mapping) {
        var entries: [(key: Node, value: Node)] = []
        var names: [String?] = []
        entries.reserveCapacity(mapping.count)
        names.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            entries.append((key, value))
            if case .scalar(let scalar) = key { names.append(scalar.string) } else { names.append(nil) }
        }
        self.entries = entries
        self.names = names
    }

    /// The fields of `node` when it is a mapping.
    init?(_ node: Node) {
        guard case .mapping(let mapping) = node else { return nil }
        self.init(mapping)
    }

    /// The value of the first entry named `key`.
    subscript(key: String) -> Node? {
        guard let index = names.firstIndex(of: key), entries.indices.contains(index) else { return nil }
        return entries[index].value
    }

    /// Entry names in file order (nil for non-scalar keys).
    var keyNames: [String?] { names }
}
