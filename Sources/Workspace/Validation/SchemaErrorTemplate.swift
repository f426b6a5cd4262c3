/// az's template for YAML schema errors (the SDK's `_exception_helper`), with the line of each field.
public enum SchemaErrorTemplate {
    /// The kinds of problem az groups errors under.
    public enum Category: Int, Sendable, Comparable {
        case invalidValue, unknownField, missingField, missingFile, unparsable, notFound

        var title: String {
            switch self {
            case .invalidValue: return "One or more fields are invalid"
            case .unknownField: return "A least one unrecognized parameter is specified"
            case .missingField: return "At least one required parameter is missing"
            case .missingFile: return "One or more files or folders do not exist."
            case .unparsable: return "YAML file cannot be parsed."
            case .notFound: return "Resource was not found."
            }
        }

        func resolution(entity: String) -> String {
            switch self {
            case .invalidValue: return "Ensure all parameters required by the \(entity) schema are specified with the correct types and formats."
            case .unknownField: return "Remove any parameters not prescribed by the \(entity) schema."
            case .missingField: return "Ensure all parameters required by the \(entity) schema are specified."
            case .missingFile: return "Double-check the directory paths you provided and enter the correct paths."
            case .unparsable: return "Check the YAML syntax: indentation, colons after keys, and quoting."
            case .notFound: return "Double-check that the resource has been specified correctly and that you have access to it."
            }
        }

        public static func < (a: Category, b: Category) -> Bool { a.rawValue < b.rawValue }
    }

    /// One problem: which field, what is wrong, on which line.
    public struct Problem: Sendable, Equatable {
        public var category: Category
        public var field: String
        public var detail: String
        public var line: Int?
        public init(category: Category, field: String, detail: String, line: Int?) {
            self.category = category
            self.field = field
            self.detail = detail
            self.line = line
        }
    }

    /// The text after `ERROR: `.
    public static func render(entity: String, fromFile: Bool, problems: [Problem]) -> String {
        let categories = Array(Set(problems.map(\.category))).sorted()
        var out = "\n"
        if fromFile {
            out += "The yaml file you provided does not match the prescribed schema for \(entity) yaml files and/or has the following issues:\n\n"
        }
        out += "Error: \n"
        for (i, category) in categories.enumerated() { out += "\(i + 1)) \(category.title)\n" }
        out += "\nDetails: \n"
        for problem in problems {
            let place = problem.line.map { " (line \($0))" } ?? ""
            out += "(x) \(problem.field)\(place):\n- \(problem.detail)\n"
        }
        out += "\nResolutions: \n"
        for (i, category) in categories.enumerated() { out += "\(i + 1)) \(category.resolution(entity: entity))\n" }
        out += "If using the CLI, you can also check the full log in debug mode for more details by adding --debug to the end of your command\n"
        out += "\nAdditional Resources: The easiest way to author a yaml specification file is using IntelliSense and auto-completion Azure ML VS code extension provides: https://code.visualstudio.com/docs/datascience/azure-machine-learning. To set up VS Code, visit https://docs.microsoft.com/azure/machine-learning/how-to-setup-vs-code"
        return out
    }
}
