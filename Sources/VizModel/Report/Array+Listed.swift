extension Array where Element == String {
    /// `a`, `a and b`, `a, b and c`: names in a sentence, as explore's notes and the run's
    /// messages list them.
    var listed: String {
        count <= 1 ? joined() : dropLast().joined(separator: ", ") + " and " + self[count - 1]
    }
}
