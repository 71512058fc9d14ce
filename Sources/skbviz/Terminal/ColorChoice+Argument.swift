import ArgumentParser
import VizModel

/// `--color auto|always|never`.
extension ColorChoice: ExpressibleByArgument {}
