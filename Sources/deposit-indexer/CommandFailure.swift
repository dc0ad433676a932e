/// A command that cannot do its work (a file or an index that is not there, a broker address it
/// cannot read): the message says what to do. For what `run()` finds; a `ValidationError` thrown
/// there prints the top-level usage line under the message, as if the command line were wrong.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
