/// A golden file whose content does not have the documented format.
struct GoldenFormatError: Error, CustomStringConvertible {
    /// What is wrong, naming the file.
    let description: String
}
