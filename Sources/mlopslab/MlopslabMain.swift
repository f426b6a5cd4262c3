import Shell

/// Entry point: all behaviour lives in Shell.
@main
enum MlopslabMain {
    static func main() {
        let status = Entry.run(arguments: Array(CommandLine.arguments.dropFirst()))
        Entry.terminate(status)
    }
}
